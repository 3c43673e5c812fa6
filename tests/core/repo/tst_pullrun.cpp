// The data plane end to end: a Puller feeding EngineController (what `gatehouse-proxy run URL`
// does) serves each published version, and keeps serving the last good one when a new version
// cannot be applied (its port is taken).
#include "engine/enginecontroller.h"
#include "rawhttp.h"
#include "repo/pipyrepoclient.h"
#include "repo/puller.h"
#include "repo/reposerver.h"
#include "testconfigs.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

ConfigBundle site(int port, const QString &tag)
{
    ConfigBundle b;
    b.setConfig(TestConfigs::staticSite(port, tag));
    b.insert(u"static/www/index.html"_s, tag.toUtf8());
    return b;
}

PublishResult publish(PipyRepoClient &client, const ConfigBundle &bundle)
{
    PublishResult result;
    QEventLoop loop;
    client.publish(u"/local/fgw"_s, bundle, {}, [&](const PublishResult &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    return result;
}

QByteArray get(quint16 port)
{
    return RawHttp::body(RawHttp::exchange(
        port, "GET /index.html HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n"));
}

} // namespace

class TstPullRun : public QObject
{
    Q_OBJECT
private slots:
    void servesEachPublishedVersion();
};

void TstPullRun::servesEachPublishedVersion()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())));
    const quint16 port = freePort();
    QVERIFY(publish(client, site(port, u"one"_s)).ok());

    EngineController engine(1);
    Puller::Options options;
    options.pollIntervalMs = 100;
    Puller puller(RepoTarget::remote(client.server(), u"/local/fgw"_s), options);
    puller.setApplier([&engine](const Puller::Update &u) {
        const EngineController::Outcome outcome = engine.apply(u.bundle.config(), u.directory);
        return outcome.ok ? QString() : outcome.error;
    });
    QSignalSpy rejected(&puller, &Puller::rejected);
    puller.start();
    QTRY_COMPARE(get(port), "one"_ba);

    QVERIFY(publish(client, site(port, u"two"_s)).ok());
    QTRY_COMPARE(get(port), "two"_ba);

    // Version 3 moves to a port someone else holds: not applied, version 2 keeps serving.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::Any, 0));
    QVERIFY(publish(client, site(squatter.serverPort(), u"three"_s)).ok());
    QTRY_VERIFY(rejected.size() >= 1);
    QCOMPARE(rejected.first().at(0).toString(), u"3"_s);
    QCOMPARE(puller.current()->version, u"2"_s);
    QCOMPARE(get(port), "two"_ba);

    // Fixed by the next publish.
    QVERIFY(publish(client, site(port, u"four"_s)).ok());
    QTRY_COMPARE(get(port), "four"_ba);
    puller.stop();
    engine.stop();
}

QTEST_GUILESS_MAIN(TstPullRun)
#include "tst_pullrun.moc"
