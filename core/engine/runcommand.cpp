#include "runcommand.h"

#include "adminserver.h"
#include "demobackend.h"
#include "enginecontroller.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace Gatehouse::Core {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("gatehouse-proxy", text);
}

// SIGINT/SIGTERM: the handler only writes a byte to a pipe (async-signal-safe); the event loop
// reads it and quits, so shutdown runs the normal way (workers drain, sockets close).
int s_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char byte = signal == SIGHUP ? 2 : 1;
    [[maybe_unused]] const ssize_t n = ::write(s_signalPipe[1], &byte, 1);
}

// SIGHUP reopens the AccessLog files (after logrotate moved them).
void quitOnSignals(EngineController *engine)
{
    if (::pipe2(s_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    auto *notifier
        = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, notifier, [engine] {
        char byte;
        bool quit = false;
        while (::read(s_signalPipe[0], &byte, 1) > 0) {
            if (byte == 2)
                engine->reopenAccessLogs();
            else
                quit = true;
        }
        if (quit)
            QCoreApplication::quit();
    });
    struct sigaction sa
    {
    };
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGHUP, &sa, nullptr);
}

int serve(const QByteArray &text, const QString &configDir, const RunCommand::Options &options)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    // Transitions are printed below, one line each; the health table's own log would repeat them.
    QLoggingCategory::setFilterRules(u"gatehouse.health.info=false"_s);
    EngineController engine(options.threads, options.limits);
    QObject::connect(&engine, &EngineController::healthChanged, &engine,
                     [](const QString &, const QString &, bool, const QString &line) {
                         QTextStream(stdout) << "health: " << line << Qt::endl;
                     });
    QObject::connect(&engine, &EngineController::accessLogProblem, &engine,
                     [](const QString &message) {
                         QTextStream(stderr) << "gatehouse-proxy: " << message << Qt::endl;
                     });
    // A server fails loudly: any listener that cannot bind refuses the whole config (the
    // desktop app starts what binds instead). Every listener's state is printed either way,
    // so one run shows all the busy ports, not only the first.
    const EngineController::Outcome outcome = engine.apply(text, configDir);
    if (!outcome.ok) {
        for (const EngineController::ListenerState &l : outcome.listenerStates) {
            err << "listener: " << l.protocol << ' ' << l.port << ' ' << l.bindAddress << ' ';
            switch (l.state) {
            case EngineController::ListenerState::State::Listening:
                err << tr("could bind (not started)");
                break;
            case EngineController::ListenerState::State::Failed:
                err << tr("FAILED: %1").arg(l.error);
                break;
            case EngineController::ListenerState::State::Unsupported:
                err << tr("not active: unsupported");
                break;
            }
            err << Qt::endl;
        }
        err << tr("gatehouse-proxy: cannot start: %1").arg(outcome.error) << Qt::endl;
        return 1;
    }
    out << QCoreApplication::translate("gatehouse-proxy", "engine running with %n worker thread(s)",
                                       nullptr, engine.threadCount())
        << Qt::endl;
    for (const QString &l : outcome.listeners)
        out << "listener: " << l << Qt::endl;
    for (const QString &f : outcome.notActive)
        out << tr("not active (unsupported yet): %1").arg(f) << Qt::endl;
    AdminServer admin(&engine);
    if (options.adminPort >= 0) {
        const QString e = admin.listen(quint16(options.adminPort));
        if (!e.isEmpty()) {
            err << tr("gatehouse-proxy: admin port %1: %2").arg(options.adminPort).arg(e)
                << Qt::endl;
            return 1;
        }
        out << tr("admin: http://0.0.0.0:%1/metrics and /healthz").arg(admin.port()) << Qt::endl;
    }
    quitOnSignals(&engine);
    const int rc = QCoreApplication::exec();
    engine.stop();
    out << tr("stopped") << Qt::endl;
    return rc;
}

} // namespace

int RunCommand::run(const Options &options)
{
    QFile file(options.configPath);
    if (!file.open(QIODevice::ReadOnly)) {
        QTextStream(stderr)
            << tr("gatehouse-proxy: cannot read %1: %2").arg(options.configPath, file.errorString())
            << Qt::endl;
        return 1;
    }
    return serve(file.readAll(), QFileInfo(options.configPath).absolutePath(), options);
}

int RunCommand::demo(const Options &options)
{
    QTextStream out(stdout);
    DemoBackend echo(DemoBackend::Behaviour::EchoRequest);
    DemoBackend hello(DemoBackend::Behaviour::Hello);
    if (!echo.start(8081) || !hello.start(8082)) {
        QTextStream(stderr)
            << tr("gatehouse-proxy demo: cannot start the backends on 8081/8082: %1")
                   .arg(echo.isRunning() ? hello.errorString() : echo.errorString())
            << Qt::endl;
        return 1;
    }
    QTemporaryDir root;
    QFile index(root.path() + u"/index.html"_s);
    if (!index.open(QIODevice::WriteOnly) || index.write(DemoBackend::articleIndexHtml()) < 0)
        return 1;
    index.close();
    QFile config(u":/examples/fgw-article.json"_s);
    if (!config.open(QIODevice::ReadOnly))
        return 1;
    QByteArray text = config.readAll();
    text.replace(QByteArrayView("\"ServerRoot\": \"/tmp\""),
                 QByteArray("\"ServerRoot\": \"" + root.path().toUtf8() + '"'));
    out << tr("demo backends on 127.0.0.1:8081 and 127.0.0.1:8082, static root %1").arg(root.path())
        << Qt::endl;
    out << tr("try: curl localhost:8000/hi ; curl localhost:8080/") << Qt::endl;
    return serve(text, root.path(), options);
}

} // namespace Gatehouse::Core
