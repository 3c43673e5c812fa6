#include "pullruncommand.h"

#include "engine/adminserver.h"
#include "engine/enginecontroller.h"
#include "puller.h"
#include "repotarget.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <csignal>

namespace Gatehouse::Core {

namespace {

using namespace Qt::StringLiterals;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::PullRunCommand)
};

void quitOnSignal(int)
{
    QCoreApplication::quit();
}

} // namespace

bool PullRunCommand::isRepoTarget(const QString &argument)
{
    return argument.startsWith(u"http://"_s) || argument.startsWith(u"https://"_s)
           || QFileInfo(argument).isDir();
}

int PullRunCommand::run(const Options &options)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QString error;
    const auto target = RepoTarget::parse(options.target, &error);
    if (!target) {
        err << error << Qt::endl;
        return 1;
    }
    EngineController engine(options.threads, options.limits);
    AdminServer admin(&engine);
    if (options.adminPort >= 0) {
        const QString e = admin.listen(quint16(options.adminPort));
        if (!e.isEmpty()) {
            err << Tr::tr("gatehouse-proxy: admin port %1: %2").arg(options.adminPort).arg(e)
                << Qt::endl;
            return 1;
        }
    }
    Puller::Options pullerOptions;
    pullerOptions.pollIntervalMs = options.pollIntervalMs;
    pullerOptions.token = options.token.isEmpty() ? qgetenv("GATEHOUSE_REPO_TOKEN") : options.token;
    Puller puller(*target, pullerOptions);
    // Called on this thread for every validated version; all or nothing in the controller.
    puller.setApplier([&engine, &out](const Puller::Update &update) {
        const EngineController::Outcome outcome
            = engine.apply(update.bundle.config(), update.directory);
        if (!outcome.ok)
            return outcome.error;
        for (const QString &l : outcome.listeners)
            out << "listener: " << l << Qt::endl;
        for (const QString &f : outcome.notActive)
            out << Tr::tr("not active (unsupported yet): %1").arg(f) << Qt::endl;
        return QString();
    });
    QObject::connect(&puller, &Puller::updated, &puller, [&out, &target](const QString &version) {
        out << Tr::tr("running version %1 of %2").arg(version, target->toString()) << Qt::endl;
    });
    QObject::connect(&puller, &Puller::rejected, &puller,
                     [&err](const QString &version, const QString &reason) {
                         err << Tr::tr("version %1 not applied, the running config stays: %2")
                                    .arg(version, reason)
                             << Qt::endl;
                     });
    QObject::connect(&puller, &Puller::problem, &puller,
                     [&err](const QString &message) { err << message << Qt::endl; });
    out << Tr::tr("pulling %1 every %2 ms").arg(target->toString()).arg(options.pollIntervalMs)
        << Qt::endl;
    puller.start();
    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGTERM, quitOnSignal);
    const int rc = QCoreApplication::exec();
    puller.stop();
    engine.stop();
    out << Tr::tr("stopped") << Qt::endl;
    return rc;
}

} // namespace Gatehouse::Core
