// LocalRepo: versions with time, message and hash; atomic writes; one writer at a time; and a
// publisher killed at random moments never leaves a half version behind.
#include "config/configloader.h"
#include "repo/configbundle.h"
#include "repo/localrepo.h"
#include "testconfigs.h"

#include <QLockFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

class TstLocalRepo : public QObject
{
    Q_OBJECT
private slots:
    void bundleReadsStaticRoots();
    void versionsAndHistory();
    void ifVersionConflict();
    void rollbackPublishesAgain();
    void secondWriterIsLockedOut();
    void killedPublisherLeavesWholeVersions();
};

void TstLocalRepo::bundleReadsStaticRoots()
{
    QTemporaryDir dir;
    QVERIFY(TestConfigs::writeSite(dir.path(), TestConfigs::staticSite(8080, u"a"_s), u"a"_s, 3));
    const LoadResult loaded = ConfigLoader::load(TestConfigs::staticSite(8080, u"a"_s));
    QVERIFY2(!loaded.hasErrors(), "the test config must be valid");
    QString error;
    const auto bundle = ConfigBundle::fromConfigFile(dir.filePath(u"config.json"_s), &error);
    QVERIFY2(bundle, qPrintable(error));
    QCOMPARE(bundle->files().keys(),
             QStringList({u"config.json"_s, u"static/www/f0.html"_s, u"static/www/f1.html"_s,
                          u"static/www/f2.html"_s}));
    QVERIFY(!ConfigBundle::isSafePath(u"../x"));
    QVERIFY(!ConfigBundle::isSafePath(u"/etc/passwd"));
    QVERIFY(!ConfigBundle::isSafePath(u"static//x"));
    QVERIFY(ConfigBundle::isSafePath(u"static/www/x.html"));
}

void TstLocalRepo::versionsAndHistory()
{
    QTemporaryDir dir;
    LocalRepo repo(dir.filePath(u"repo"_s));
    QCOMPARE(repo.currentVersion(), 0);
    QVERIFY(repo.history().isEmpty());

    ConfigBundle a;
    a.setConfig(TestConfigs::staticSite(8080, u"a"_s));
    a.insert(u"static/www/index.html"_s, "hello");
    const PublishResult r1 = repo.publish(a, u"first"_s);
    QVERIFY2(r1.ok(), qPrintable(r1.error));
    QCOMPARE(r1.version, u"1"_s);
    QCOMPARE(r1.previousVersion, QString());
    QVERIFY(r1.committed);

    ConfigBundle b = a;
    b.setConfig(TestConfigs::staticSite(8081, u"b"_s));
    const PublishResult r2 = repo.publish(b, u"second"_s);
    QCOMPARE(r2.version, u"2"_s);
    QCOMPARE(r2.previousVersion, u"1"_s);

    QCOMPARE(repo.currentVersion(), 2);
    const QList<LocalRepo::Version> history = repo.history();
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0).message, u"first"_s);
    QCOMPARE(history.at(1).message, u"second"_s);
    QCOMPARE(history.at(0).hash, a.contentHash());
    QCOMPARE(history.at(1).hash, b.contentHash());
    QVERIFY(history.at(0).time.isValid());
    QVERIFY(history.at(0).time <= history.at(1).time);
    QCOMPARE(*repo.load(1), a);
    QCOMPARE(*repo.load(2), b);
    QVERIFY(repo.verify(1));
    QVERIFY(repo.verify(2));
    QVERIFY(!repo.load(3));

    // skipUnchanged: same content, no new version.
    const PublishResult same = repo.publish(b, u"again"_s, std::nullopt, true);
    QCOMPARE(same.status, PublishResult::Status::Unchanged);
    QCOMPARE(repo.currentVersion(), 2);

    // A damaged version no longer verifies.
    QFile f(repo.treeDirectory(1) + u"/static/www/index.html"_s);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("tampered");
    f.close();
    QVERIFY(!repo.verify(1));
}

void TstLocalRepo::ifVersionConflict()
{
    QTemporaryDir dir;
    LocalRepo repo(dir.path());
    ConfigBundle a;
    a.setConfig(TestConfigs::staticSite(8080, u"a"_s));
    QVERIFY(repo.publish(a, {}).ok());
    const PublishResult conflict = repo.publish(a, {}, 0);
    QCOMPARE(conflict.status, PublishResult::Status::Conflict);
    QVERIFY(conflict.error.contains(u"version 1"_s));
    QCOMPARE(conflict.notWritten, QStringList{u"config.json"_s});
    QCOMPARE(repo.currentVersion(), 1);
    QVERIFY(repo.publish(a, {}, 1).ok());
    QCOMPARE(repo.currentVersion(), 2);
}

void TstLocalRepo::rollbackPublishesAgain()
{
    QTemporaryDir dir;
    LocalRepo repo(dir.path());
    ConfigBundle a, b;
    a.setConfig(TestConfigs::staticSite(8080, u"a"_s));
    b.setConfig(TestConfigs::staticSite(8080, u"b"_s));
    QVERIFY(repo.publish(a, u"a"_s).ok());
    QVERIFY(repo.publish(b, u"b"_s).ok());
    const PublishResult r = repo.rollback(1);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.version, u"3"_s);
    QCOMPARE(*repo.load(3), a);
    QCOMPARE(repo.history().last().message, u"rollback to version 1"_s);
    QCOMPARE(repo.rollback(9).status, PublishResult::Status::IoError);
    QCOMPARE(repo.currentVersion(), 3);
}

void TstLocalRepo::secondWriterIsLockedOut()
{
    QTemporaryDir dir;
    LocalRepo repo(dir.path());
    repo.setLockTimeout(200);
    ConfigBundle a;
    a.setConfig(TestConfigs::staticSite(8080, u"a"_s));
    QLockFile other(dir.filePath(u".lock"_s));
    QVERIFY(other.tryLock(0));
    const PublishResult locked = repo.publish(a, {});
    QCOMPARE(locked.status, PublishResult::Status::Locked);
    QCOMPARE(repo.currentVersion(), 0);
    other.unlock();
    QVERIFY(repo.publish(a, {}).ok());

    // A writer killed between creating the lock file and writing its pid leaves it empty:
    // the next writer must not wait for QLockFile's 30 s stale time, nor fail.
    QFile empty(dir.filePath(u".lock"_s));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    QVERIFY(empty.setFileTime(QDateTime::currentDateTime().addSecs(-10),
                              QFileDevice::FileModificationTime));
    empty.close();
    repo.setLockTimeout(3000);
    const PublishResult r = repo.publish(a, {});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(repo.currentVersion(), 2);
}

void TstLocalRepo::killedPublisherLeavesWholeVersions()
{
    QTemporaryDir dir;
    const QString repoDir = dir.filePath(u"repo"_s);
    // Two sites large enough that a publish takes a while (many fsyncs), so kills land inside.
    const QString siteA = dir.filePath(u"a"_s), siteB = dir.filePath(u"b"_s);
    QVERIFY(TestConfigs::writeSite(siteA, TestConfigs::staticSite(8080, u"a"_s), u"a"_s, 8, 4096));
    QVERIFY(TestConfigs::writeSite(siteB, TestConfigs::staticSite(8081, u"b"_s), u"b"_s, 10, 2048));
    const auto a = ConfigBundle::fromConfigFile(siteA + u"/config.json"_s, nullptr);
    const auto b = ConfigBundle::fromConfigFile(siteB + u"/config.json"_s, nullptr);
    QVERIFY(a && b);

    LocalRepo repo(repoDir);
    int lastVersion = 0;
    int killedMidway = 0;
    for (int round = 0; round < 25; ++round) {
        QProcess helper;
        helper.start(QStringLiteral(REPO_PUBLISHER_HELPER),
                     {repoDir, siteA + u"/config.json"_s, siteB + u"/config.json"_s});
        QVERIFY(helper.waitForStarted());
        QVERIFY(helper.waitForReadyRead(10000));
        QTest::qWait(QRandomGenerator::global()->bounded(1, 400));
        ::kill(pid_t(helper.processId()), SIGKILL);
        QVERIFY(helper.waitForFinished(10000));

        const int current = repo.currentVersion();
        QVERIFY(current >= lastVersion);
        lastVersion = current;
        if (current == 0)
            continue;
        QString error;
        QVERIFY2(repo.verify(current, &error), qPrintable(error));
        const auto loaded = repo.load(current);
        QVERIFY(loaded && (*loaded == *a || *loaded == *b));
        const QDir root(repoDir);
        if (!root.entryList({u".staging-*"_s}, QDir::Dirs | QDir::Hidden).isEmpty()
            || QDir(repoDir + u"/versions/"_s + QString::number(current + 1)).exists())
            ++killedMidway;
    }
    QVERIFY2(lastVersion > 0, "the helper never committed a version");
    qInfo("%d of 25 kills landed in the middle of a publish", killedMidway);

    // A later publish works, cleans up what the killed writers left, and history is whole.
    ConfigBundle c;
    c.setConfig(TestConfigs::staticSite(9090, u"c"_s));
    const PublishResult r = repo.publish(c, u"after the kills"_s);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.version, QString::number(lastVersion + 1));
    QVERIFY(QDir(repoDir).entryList({u".staging-*"_s}, QDir::Dirs | QDir::Hidden).isEmpty());
    const auto history = repo.history();
    QCOMPARE(history.size(), lastVersion + 1);
    for (const LocalRepo::Version &v : history)
        QVERIFY(repo.verify(v.number));
}

QTEST_GUILESS_MAIN(TstLocalRepo)
#include "tst_localrepo.moc"
