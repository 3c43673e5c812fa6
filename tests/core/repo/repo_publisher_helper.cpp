// Test helper for tst_localrepo's kill test: publishes the bundles of the given config files
// to REPO alternately, forever, until it is killed. Prints "ready" once before the first write.
#include "repo/configbundle.h"
#include "repo/localrepo.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Gatehouse::Core;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 1;
    LocalRepo repo(args.at(1));
    QList<ConfigBundle> bundles;
    for (const QString &file : args.mid(2)) {
        QString error;
        auto bundle = ConfigBundle::fromConfigFile(file, &error);
        if (!bundle)
            return 2;
        bundles.append(*bundle);
    }
    QTextStream(stdout) << "ready\n" << Qt::flush;
    for (qsizetype i = 0;; ++i) {
        const PublishResult r
            = repo.publish(bundles.at(i % bundles.size()), QStringLiteral("helper %1").arg(i));
        if (!r.ok())
            return 3;
    }
}
