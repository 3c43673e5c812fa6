// gatehouse: the desktop app.
#include "appsettings.h"
#include "controllers/enginesession.h"
#include "controllers/lagprobe.h"
#include "engine/compiledconfig.h"
#include "theme.h"
#include "translations.h"
#include "views/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QTcpSocket>

#include <ctime>
#include <memory>
#include <unistd.h>

using namespace Gatehouse::Ui;

namespace {

// Milliseconds since the kernel started this process (exec, dynamic loading and static
// initialisation included), from /proc/self/stat's start time (clock ticks since boot).
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startMs = fields.at(19).toDouble() * 1000.0 / double(::sysconf(_SC_CLK_TCK));
    timespec now{};
    ::clock_gettime(CLOCK_BOOTTIME, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6 - startMs;
}

// `--startup-report FILE` (tests/bench/launch.sh): the launch to interactive breakdown. The
// window counts as interactive when it has painted and the demo's proxy has served a first
// request through the engine; then the report is written and the app quits.
class StartupReport : public QObject
{
public:
    StartupReport(QString path, double mainEntryMs)
        : m_path(std::move(path))
    {
        m_clock.start();
        m_lines << QStringLiteral("before_main_ms %1").arg(mainEntryMs, 0, 'f', 1);
        m_base = mainEntryMs;
        m_last = mainEntryMs;
    }
    void mark(const QString &phase)
    {
        const double now = m_base + double(m_clock.nsecsElapsed()) / 1e6;
        m_lines << QStringLiteral("%1_ms %2").arg(phase).arg(now - m_last, 0, 'f', 1);
        m_last = now;
    }
    double sinceStart() const { return m_base + double(m_clock.nsecsElapsed()) / 1e6; }
    void watch(MainWindow *window)
    {
        m_window = window;
        window->installEventFilter(this);
        const auto config = window->engine()->compiledConfig();
        if (!config || config->listeners.empty()) {
            m_lines << QStringLiteral("error demo not running");
            finish();
            return;
        }
        m_lines << QStringLiteral("engine_start_ms %1").arg(window->engine()->lastStartMs());
        m_lines << QStringLiteral("demo_backends_ms %1").arg(window->engine()->lastDemoStartMs());
        auto *socket = new QTcpSocket(this);
        connect(socket, &QTcpSocket::connected, socket, [socket] {
            socket->write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        });
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            m_reply += socket->readAll();
            if (m_servedMs < 0 && m_reply.startsWith("HTTP/1.1 200") && m_reply.contains("\r\n\r\n")) {
                m_servedMs = sinceStart();
                maybeFinish();
            }
        });
        socket->connectToHost(QHostAddress::LocalHost, quint16(config->listeners.front().bindPort));
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_window && event->type() == QEvent::Paint && m_paintedMs < 0) {
            m_paintedMs = sinceStart();
            QMetaObject::invokeMethod(this, [this] { maybeFinish(); }, Qt::QueuedConnection);
        }
        return false;
    }

private:
    void maybeFinish()
    {
        if (m_paintedMs >= 0 && m_servedMs >= 0)
            finish();
    }
    void finish()
    {
        m_lines << QStringLiteral("first_paint_at_ms %1").arg(m_paintedMs, 0, 'f', 1);
        m_lines << QStringLiteral("first_request_served_at_ms %1").arg(m_servedMs, 0, 'f', 1);
        m_lines << QStringLiteral("interactive_at_ms %1").arg(qMax(m_paintedMs, m_servedMs), 0, 'f', 1);
        QSaveFile file(m_path);
        if (file.open(QIODevice::WriteOnly)) {
            file.write(m_lines.join(u'\n').toUtf8() + '\n');
            file.commit();
        }
        QApplication::quit();
    }

    QString m_path;
    QStringList m_lines;
    QElapsedTimer m_clock;
    double m_base = 0;
    double m_last = 0;
    MainWindow *m_window = nullptr;
    QByteArray m_reply;
    double m_paintedMs = -1;
    double m_servedMs = -1;
};

} // namespace

int main(int argc, char *argv[])
{
    const double mainEntryMs = msSinceProcessStart();
    // Hidden bench options are read before QApplication so its construction can be timed.
    std::unique_ptr<StartupReport> startup;
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--startup-report") == 0)
            startup = std::make_unique<StartupReport>(QString::fromLocal8Bit(argv[i + 1]), mainEntryMs);
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatehouse"));
    QApplication::setApplicationDisplayName(QStringLiteral("Gatehouse"));
    QApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QApplication::setApplicationVersion(QStringLiteral(GATEHOUSE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.gatehouse.Gatehouse"));
    if (startup)
        startup->mark(QStringLiteral("qapplication"));

    Translations::apply(AppSettings::language());
    Theme::apply(AppSettings::theme());
    if (startup)
        startup->mark(QStringLiteral("translations_theme"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop gateway manager with an embedded proxy."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Open the built-in demo."));
    parser.addOption(demo);
    // Bench aids (tests/bench/): not translated, not in --help.
    QCommandLineOption lagProbe(QStringLiteral("lag-probe"), QStringLiteral("GUI lag report file."),
                                QStringLiteral("FILE"));
    lagProbe.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(lagProbe);
    QCommandLineOption startupReport(QStringLiteral("startup-report"),
                                     QStringLiteral("Launch timing report file."), QStringLiteral("FILE"));
    startupReport.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(startupReport);
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "config.json to open."),
                                 QStringLiteral("[file]"));
    parser.process(app);
    const bool bench = parser.isSet(lagProbe) || parser.isSet(startupReport);

    MainWindow window;
    if (startup)
        startup->mark(QStringLiteral("window_construction"));
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        window.openFile(files.constFirst());
    } else if (bench) {
        // Unattended: a taken demo port is replaced by a free one without asking.
        window.openDemo(MainWindow::DemoPorts::FreeIfBusy);
    } else if (parser.isSet(demo) || !AppSettings::firstStartDone()) {
        window.openDemo();
    } else if (!window.restoreSession()) {
        window.openDemo();
    }
    if (startup)
        startup->mark(QStringLiteral("open_demo"));
    AppSettings::setFirstStartDone();
    std::unique_ptr<LagProbe> probe;
    if (parser.isSet(lagProbe)) {
        // The request log, the charts and the health panel all visible, so all of them paint.
        auto *log = window.findChild<QDockWidget *>(QStringLiteral("RequestLogDock"));
        auto *charts = window.findChild<QDockWidget *>(QStringLiteral("ChartsDock"));
        if (log && charts) {
            window.splitDockWidget(log, charts, Qt::Horizontal);
            log->show();
            log->raise();
            charts->show();
        }
        probe = std::make_unique<LagProbe>(parser.value(lagProbe), &window);
        if (auto config = window.engine()->compiledConfig()) {
            for (const auto &l : config->listeners)
                fprintf(stdout, "lag-probe: listener %d on %s\n", l.port, qPrintable(l.bindKey()));
            fflush(stdout);
        }
    }
    window.show();
    if (startup)
        startup->watch(&window);
    const int rc = QApplication::exec();
    probe.reset(); // the final report, while the window still exists
    return rc;
}
