// The repo commands of gatehouse-proxy as scripts use them: exit codes and messages.
// Runs the built binary; a RepoServer in this process answers while the event loop is pumped.
#include "repo/configbundle.h"
#include "repo/localrepo.h"
#include "repo/pipyrepoclient.h"
#include "repo/reposerver.h"
#include "testconfigs.h"

#include <QEventLoop>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &arguments, const QString &logDir)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"GATEHOUSE_PUBLISH_LOG_DIR"_s, logDir);
    env.insert(u"QT_LOGGING_RULES"_s, u"gatehouse.*=false"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(GATEHOUSE_PROXY_BINARY), arguments);
    QElapsedTimer timer;
    timer.start();
    // Not waitForFinished(): the repo server under test lives on this thread's event loop.
    while (process.state() != QProcess::NotRunning && timer.elapsed() < 30000)
        QTest::qWait(10);
    Run r;
    r.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

} // namespace

class TstRepoCommand : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void localPublishHistoryPullRollback();
    void invalidConfigIsRefused();
    void usageErrors();
    void remoteRoundTripAndConflict();
    void unreachableTarget();
    void killedRemotePublishLosesNothing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void TstRepoCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(
        TestConfigs::writeSite(path(u"site"_s), TestConfigs::staticSite(8080, u"a"_s), u"a"_s, 2));
}

void TstRepoCommand::localPublishHistoryPullRollback()
{
    const QString repo = path(u"repo"_s), log = path(u"log"_s);
    const QString config = path(u"site/config.json"_s);
    Run r = cli({u"publish"_s, config, u"--to"_s, repo, u"--message"_s, u"first"_s}, log);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"published version 1"_s), qPrintable(r.out));
    QVERIFY(
        TestConfigs::writeSite(path(u"site"_s), TestConfigs::staticSite(8081, u"b"_s), u"b"_s, 1));
    QCOMPARE(cli({u"publish"_s, config, u"--to"_s, repo, u"--message"_s, u"second"_s}, log).code,
             0);
    r = cli({u"history"_s, repo}, log);
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith(u" 1\t"_s) && lines.at(0).endsWith(u"first"_s));
    QVERIFY(lines.at(1).startsWith(u"*2\t"_s) && lines.at(1).endsWith(u"second"_s));
    // --if-version: 4 on a mismatch, nothing written.
    r = cli({u"publish"_s, config, u"--to"_s, repo, u"--if-version"_s, u"1"_s}, log);
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.contains(u"version 2, not 1"_s));
    QCOMPARE(LocalRepo(repo).currentVersion(), 2);
    // pull -o: config and static files.
    r = cli({u"pull"_s, repo, u"-o"_s, path(u"out/config.json"_s)}, log);
    QCOMPARE(r.code, 0);
    QVERIFY(QFile::exists(path(u"out/static/www/f0.html"_s)));
    r = cli({u"pull"_s, repo}, log);
    QCOMPARE(r.out.toUtf8(), TestConfigs::staticSite(8081, u"b"_s));
    // rollback publishes version 1 again as version 3.
    r = cli({u"rollback"_s, repo, u"1"_s}, log);
    QCOMPARE(r.code, 0);
    QCOMPARE(*LocalRepo(repo).load(3), *LocalRepo(repo).load(1));
    QCOMPARE(cli({u"rollback"_s, repo, u"42"_s}, log).code, 1);
}

void TstRepoCommand::invalidConfigIsRefused()
{
    QFile bad(path(u"bad.json"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"Listeners": [{"Protocol": "HTTP", "Port": "x"}]})");
    bad.close();
    const Run r = cli({u"publish"_s, bad.fileName(), u"--to"_s, path(u"repo"_s)}, path(u"log"_s));
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(u"nothing was published"_s));
    QCOMPARE(LocalRepo(path(u"repo"_s)).currentVersion(), 0);
}

void TstRepoCommand::usageErrors()
{
    QCOMPARE(cli({u"publish"_s, path(u"site/config.json"_s)}, path(u"log"_s)).code, 1);
    QCOMPARE(cli({u"pull"_s}, path(u"log"_s)).code, 1);
    QCOMPARE(cli({u"publish"_s, path(u"site/config.json"_s), u"--to"_s, u"http://h/notrepo"_s},
                 path(u"log"_s))
                 .code,
             1);
    QCOMPARE(cli({u"repo"_s}, path(u"log"_s)).code, 1);
}

void TstRepoCommand::remoteRoundTripAndConflict()
{
    RepoServer server(path(u"data"_s));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    const QString url = u"http://127.0.0.1:%1/repo/local/fgw/"_s.arg(server.serverPort());
    const QString log = path(u"log"_s), config = path(u"site/config.json"_s);
    Run r = cli({u"publish"_s, config, u"--to"_s, url, u"--message"_s, u"one"_s}, log);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"published version 1"_s), qPrintable(r.out + r.err));
    QVERIFY(
        TestConfigs::writeSite(path(u"site"_s), TestConfigs::staticSite(8082, u"c"_s), u"c"_s, 2));
    QCOMPARE(cli({u"publish"_s, config, u"--to"_s, url, u"--if-version"_s, u"1"_s, u"--message"_s,
                  u"two"_s},
                 log)
                 .code,
             0);
    // Someone else published meanwhile: refused with exit 4 and the difference shown.
    r = cli({u"publish"_s, config, u"--to"_s, url, u"--if-version"_s, u"1"_s}, log);
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.contains(u"not 1; nothing was written"_s));
    QVERIFY(r.err.contains(u"compared with version 2"_s));
    r = cli({u"history"_s, url}, log);
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out.count(u'\n'), 2);
    QVERIFY(r.out.startsWith(u"1\t"_s));
    r = cli({u"rollback"_s, url, u"1"_s}, log);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"published version 3"_s), qPrintable(r.out + r.err));
    r = cli({u"pull"_s, url}, log);
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out.toUtf8(), TestConfigs::staticSite(8080, u"a"_s));
}

void TstRepoCommand::unreachableTarget()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const QString url = u"http://127.0.0.1:%1/repo/x/"_s.arg(port);
    Run r = cli({u"publish"_s, path(u"site/config.json"_s), u"--to"_s, url}, path(u"log"_s));
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains(u"Connection refused"_s));
    QVERIFY(r.err.contains(u"not written: /config.json"_s));
    QCOMPARE(cli({u"pull"_s, url}, path(u"log"_s)).code, 3);
}

void TstRepoCommand::killedRemotePublishLosesNothing()
{
    RepoServer server(path(u"data"_s));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    const QString url = u"http://127.0.0.1:%1/repo/cb/"_s.arg(server.serverPort());
    // Two sites with many files, so that a publish takes many requests.
    QVERIFY(
        TestConfigs::writeSite(path(u"a"_s), TestConfigs::staticSite(8080, u"a"_s), u"a"_s, 40));
    QVERIFY(
        TestConfigs::writeSite(path(u"b"_s), TestConfigs::staticSite(8081, u"b"_s), u"b"_s, 40));
    const auto a = ConfigBundle::fromConfigFile(path(u"a/config.json"_s), nullptr);
    const auto b = ConfigBundle::fromConfigFile(path(u"b/config.json"_s), nullptr);
    QVERIFY(a && b);
    QCOMPARE(cli({u"publish"_s, path(u"a/config.json"_s), u"--to"_s, url}, path(u"log"_s)).code, 0);

    PipyRepoClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())));
    int interrupted = 0;
    for (int round = 0; round < 8; ++round) {
        const QString source = path(round % 2 ? u"a/config.json"_s : u"b/config.json"_s);
        QProcess process;
        process.start(QStringLiteral(GATEHOUSE_PROXY_BINARY),
                      {u"publish"_s, source, u"--to"_s, url});
        QTest::qWait(QRandomGenerator::global()->bounded(50, 700));
        if (process.state() != QProcess::NotRunning) {
            ++interrupted;
            process.kill();
        }
        while (process.state() != QProcess::NotRunning)
            QTest::qWait(5);
        // Workers see a whole version: exactly one of the two bundles, never a mix.
        std::optional<ConfigBundle> published;
        QEventLoop loop;
        client.fetchPublished(u"/cb"_s, [&](const std::optional<ConfigBundle> &bundle,
                                            const QString &, const QString &) {
            published = bundle;
            loop.quit();
        });
        loop.exec();
        QVERIFY(published);
        QVERIFY(*published == *a || *published == *b);
    }
    qInfo("%d of 8 publishes were killed before they finished", interrupted);
    // A later publish works and its content wins over any pending edits left behind.
    QCOMPARE(cli({u"publish"_s, path(u"b/config.json"_s), u"--to"_s, url}, path(u"log"_s)).code, 0);
    std::optional<ConfigBundle> published;
    QEventLoop loop;
    client.fetchPublished(
        u"/cb"_s, [&](const std::optional<ConfigBundle> &bundle, const QString &, const QString &) {
            published = bundle;
            loop.quit();
        });
    loop.exec();
    QVERIFY(published && *published == *b);
}

QTEST_GUILESS_MAIN(TstRepoCommand)
#include "tst_repocommand.moc"
