// The seed article's load balancing, stickiness and health steps, played on the engine parts
// alone (no data path): the article's config with its two backends on ephemeral ports.
#include "config/configloader.h"
#include "engine/componentfactory.h"
#include "engine/demobackend.h"
#include "health/healthchecker.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Gatehouse::Core;

class tst_ArticleParts : public QObject
{
    Q_OBJECT

private slots:
    void killAndRestart8082();
};

void tst_ArticleParts::killAndRestart8082()
{
    DemoBackend echo(DemoBackend::Behaviour::EchoRequest); // the article's 8081
    DemoBackend hello(DemoBackend::Behaviour::Hello);      // the article's 8082
    QVERIFY(echo.start());
    QVERIFY(hello.start());
    const quint16 port2 = hello.port();

    QFile f(QStringLiteral(":/examples/fgw-article.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    text.replace("127.0.0.1:8081", QByteArray("127.0.0.1:" + QByteArray::number(echo.port())));
    text.replace("127.0.0.1:8082", QByteArray("127.0.0.1:" + QByteArray::number(port2)));
    text.replace("\"Interval\": 2", "\"Interval\": 0.1"); // the article's 2 s, sped up
    const LoadResult loaded = ConfigLoader::load(text);
    QVERIFY(loaded.config && !loaded.hasErrors());
    const Service *svc = loaded.config->service(QStringLiteral("backendService1"));
    QVERIFY(svc);

    auto table = std::make_shared<HealthTable>();
    const int first = ComponentFactory::addToHealthTable(*table, *svc);
    const auto lb = ComponentFactory::balancer(*svc);
    const auto sticky = ComponentFactory::stickyCookie(*svc);
    HealthChecker checker;
    QSignalSpy transitions(&checker, &HealthChecker::transition);
    checker.setTable(table);
    QTRY_COMPARE_WITH_TIMEOUT(table->state(first + 1), HealthState::Healthy, 5000);
    const PickContext ctx{table.get(), first};

    auto picks = [&](int n) {
        QByteArray s;
        for (int i = 0; i < n; ++i)
            s.append(char('A' + lb->pick(ctx)));
        return s;
    };
    // weights 100/100: 8081, 8082, 8081, 8082
    QCOMPARE(picks(4), QByteArray("ABAB"));
    // a cookie for 8082 pins it
    const QByteArray cookie = "_srv_id=" + sticky->valueFor(1);
    QCOMPARE(
        sticky->pinnedEndpoint(std::string_view(cookie.constData(), size_t(cookie.size())), ctx),
        1);

    // stop 8082: two refused probes take it out; every pick goes to 8081; the cookie is
    // ignored (the data path then issues one for 8081)
    hello.stop();
    QTRY_COMPARE_WITH_TIMEOUT(table->state(first + 1), HealthState::Unhealthy, 5000);
    // two "not checked -> healthy" at start, then this one (transitions arrive queued)
    QTRY_COMPARE_WITH_TIMEOUT(transitions.size(), 3, 5000);
    QCOMPARE(
        transitions.last().at(0).value<HealthTransition>().logLine(),
        QStringLiteral("backendService1 127.0.0.1:%1 healthy -> unhealthy (refused, 2/2 failures)")
            .arg(port2));
    QCOMPARE(picks(6), QByteArray("AAAAAA"));
    QCOMPARE(
        sticky->pinnedEndpoint(std::string_view(cookie.constData(), size_t(cookie.size())), ctx),
        -1);

    // restart it: back within about one interval, alternation resumes without a burst to B
    QVERIFY(hello.start(port2));
    QTRY_COMPARE_WITH_TIMEOUT(table->state(first + 1), HealthState::Healthy, 1000);
    const QByteArray after = picks(6);
    QCOMPARE(after.count('A'), 3);
    QCOMPARE(after.count('B'), 3);
    QCOMPARE(
        sticky->pinnedEndpoint(std::string_view(cookie.constData(), size_t(cookie.size())), ctx),
        1);
}

QTEST_GUILESS_MAIN(tst_ArticleParts)
#include "tst_articleparts.moc"
