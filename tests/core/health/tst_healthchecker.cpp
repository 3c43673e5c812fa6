#include "engine/demobackend.h"
#include "health/healthchecker.h"
#include "util/crossthread.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <thread>

using namespace Gatehouse::Core;

namespace {

// Collects the lines of the gatehouse.health category (the one-line transition log).
QMutex s_logMutex;
QStringList s_log;
QtMessageHandler s_previousHandler = nullptr;

void captureHealthLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && qstrcmp(context.category, "gatehouse.health") == 0) {
        QMutexLocker lock(&s_logMutex);
        s_log.append(message);
        return;
    }
    s_previousHandler(type, context, message);
}

QStringList healthLog()
{
    QMutexLocker lock(&s_logMutex);
    return s_log;
}

HealthCheckSpec httpSpec(qint64 intervalMs, int maxFails, QList<HealthMatch> matches = {})
{
    HealthCheckSpec s;
    s.intervalMs = intervalMs;
    s.maxFails = maxFails;
    s.path = "/health";
    s.matches = std::move(matches);
    return s;
}

QString key(quint16 port)
{
    return QStringLiteral("127.0.0.1:%1").arg(port);
}

ProbeResult lastProbe(const QSignalSpy &spy)
{
    return spy.last().at(1).value<ProbeResult>();
}

// Waits until `spy` holds a transition to `to` (from its index `from` on); returns it.
std::optional<HealthTransition>
waitForTransition(QSignalSpy &spy, HealthState to, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    qsizetype seen = 0;
    while (timer.elapsed() < timeoutMs) {
        for (; seen < spy.size(); ++seen) {
            const auto t = spy.at(seen).at(0).value<HealthTransition>();
            if (t.to == to)
                return t;
        }
        spy.wait(50);
    }
    return std::nullopt;
}

} // namespace

class tst_HealthChecker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void httpLifecycle();
    void keepAliveReuse();
    void timeout();
    void matches_data();
    void matches();
    void legacyStatusList();
    void tcpProbe();
    void passiveCoolDown();
    void reloadKeepsState();
    void stopsProbingWhenDetached();
    void onItsOwnThread();
};

void tst_HealthChecker::initTestCase()
{
    s_previousHandler = qInstallMessageHandler(captureHealthLog);
}

void tst_HealthChecker::cleanup()
{
    QMutexLocker lock(&s_logMutex);
    s_log.clear();
}

void tst_HealthChecker::httpLifecycle()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    const quint16 port = backend.port();
    auto table = std::make_shared<HealthTable>();
    table->addService(QStringLiteral("backendService1"), {key(port)},
                      httpSpec(100, 2, {HealthMatch{{200, 201}, {}, {}}}));
    HealthChecker checker;
    QSignalSpy transitions(&checker, &HealthChecker::transition);
    QSignalSpy probes(&checker, &HealthChecker::probeFinished);
    checker.setTable(table);

    // 200: healthy at the first probe, which runs at once
    auto t = waitForTransition(transitions, HealthState::Healthy);
    QVERIFY(t);
    QCOMPARE(t->from, HealthState::NotChecked);
    QVERIFY(table->isUsable(0));
    QCOMPARE(lastProbe(probes).statusCode, 200);
    QVERIFY(lastProbe(probes).latencyUs >= 0);

    // 500: two consecutive failures
    backend.setStatusCode(500);
    t = waitForTransition(transitions, HealthState::Unhealthy);
    QVERIFY(t);
    QCOMPARE(t->reason, HealthReason::BadStatus);
    QCOMPARE(t->statusCode, 500);
    QCOMPARE(t->failures, 2);
    QVERIFY(!table->isUsable(0));
    QVERIFY(healthLog().contains(
        QStringLiteral("backendService1 %1 healthy -> unhealthy (status 500, 2/2 failures)")
            .arg(key(port))));

    // back to 200: recovers on the next successful probe
    transitions.clear();
    backend.setStatusCode(200);
    QVERIFY(waitForTransition(transitions, HealthState::Healthy));
    QVERIFY(table->isUsable(0));

    // killed: refused
    transitions.clear();
    backend.stop();
    t = waitForTransition(transitions, HealthState::Unhealthy);
    QVERIFY(t);
    QVERIFY2(t->reason == HealthReason::Refused || t->reason == HealthReason::Reset,
             qPrintable(healthReasonName(t->reason)));
    QCOMPARE(table->snapshot(0).lastReason, HealthReason::Refused);
    QVERIFY(healthLog().contains(
        QStringLiteral("backendService1 %1 healthy -> unhealthy (refused, 2/2 failures)")
            .arg(key(port))));

    // restarted: healthy again within about one interval
    transitions.clear();
    QVERIFY(backend.start(port));
    QElapsedTimer back;
    back.start();
    t = waitForTransition(transitions, HealthState::Healthy);
    QVERIFY(t);
    QVERIFY2(back.elapsed() < 1000, qPrintable(QString::number(back.elapsed())));
    QCOMPARE(t->from, HealthState::Unhealthy);
    QVERIFY(healthLog().contains(
        QStringLiteral("backendService1 %1 unhealthy -> healthy (ok 200)").arg(key(port))));
    const HealthTargetSnapshot snap = table->snapshot(0);
    QCOMPARE(snap.state, HealthState::Healthy);
    QCOMPARE(snap.consecutiveFailures, 0);
    QCOMPARE(snap.maxFails, 2);
    QCOMPARE(snap.lastStatusCode, 200);
}

void tst_HealthChecker::keepAliveReuse()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    auto table = std::make_shared<HealthTable>();
    table->addService(QStringLiteral("s"), {key(backend.port())}, httpSpec(30, 2));
    HealthChecker checker;
    QSignalSpy probes(&checker, &HealthChecker::probeFinished);
    checker.setTable(table);
    QTRY_VERIFY_WITH_TIMEOUT(probes.size() >= 10, 5000);
    for (const auto &args : probes)
        QCOMPARE(args.at(1).value<ProbeResult>().reason, HealthReason::Ok);
    // ten probes, one connection, nothing left behind
    QCOMPARE(backend.connectionCount(), quint64(1));
    QVERIFY(backend.requestCount() >= 10);
    QCOMPARE(checker.openConnections(), 1);
    checker.setTable(nullptr);
    QCOMPARE(checker.openConnections(), 0);
}

void tst_HealthChecker::timeout()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    backend.setSilent(true);
    auto table = std::make_shared<HealthTable>();
    table->addService(QStringLiteral("s"), {key(backend.port())}, httpSpec(100, 1));
    HealthChecker checker;
    QSignalSpy transitions(&checker, &HealthChecker::transition);
    QElapsedTimer timer;
    timer.start();
    checker.setTable(table);
    const auto t = waitForTransition(transitions, HealthState::Unhealthy);
    QVERIFY(t);
    QCOMPARE(t->reason, HealthReason::Timeout);
    // the probe timed out after one interval, not after a socket's minutes
    QVERIFY(timer.elapsed() >= 90);
    QVERIFY(timer.elapsed() < 2000);
}

void tst_HealthChecker::matches_data()
{
    QTest::addColumn<QList<HealthMatch>>("rules");
    QTest::addColumn<int>("reason");
    using H = QList<std::pair<QByteArray, QByteArray>>;
    QTest::newRow("default 200") << QList<HealthMatch>{} << int(HealthReason::Ok);
    QTest::newRow("body") << QList<HealthMatch>{{{}, "there", {}}} << int(HealthReason::Ok);
    QTest::newRow("body mismatch")
        << QList<HealthMatch>{{{}, "goodbye", {}}} << int(HealthReason::BodyMismatch);
    QTest::newRow("header") << QList<HealthMatch>{{{}, {}, H{{"Connection", "keep-alive"}}}}
                            << int(HealthReason::Ok);
    QTest::newRow("header mismatch")
        << QList<HealthMatch>{{{}, {}, H{{"X-Ready", "yes"}}}} << int(HealthReason::HeaderMismatch);
    QTest::newRow("status mismatch")
        << QList<HealthMatch>{{{204}, {}, {}}} << int(HealthReason::BadStatus);
    QTest::newRow("all must hold") << QList<HealthMatch>{{{200}, "Hello", {}}, {{}, "nope", {}}}
                                   << int(HealthReason::BodyMismatch);
    QTest::newRow("empty entry means 200") << QList<HealthMatch>{{}} << int(HealthReason::Ok);
}

void tst_HealthChecker::matches()
{
    QFETCH(QList<HealthMatch>, rules);
    QFETCH(int, reason);
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    auto table = std::make_shared<HealthTable>();
    table->addService(QStringLiteral("s"), {key(backend.port())}, httpSpec(1000, 1, rules));
    HealthChecker checker;
    QSignalSpy probes(&checker, &HealthChecker::probeFinished);
    checker.setTable(table);
    QVERIFY(probes.wait(5000));
    QCOMPARE(int(lastProbe(probes).reason), reason);
    QCOMPARE(table->isUsable(0), reason == int(HealthReason::Ok));
}

void tst_HealthChecker::legacyStatusList()
{
    // The article's `{Type: "status", Value: [200, 201]}` is a status list; 201 passes too.
    DemoBackend backend(DemoBackend::Behaviour::EchoRequest);
    QVERIFY(backend.start());
    backend.setStatusCode(201);
    auto table = std::make_shared<HealthTable>();
    table->addService(QStringLiteral("s"), {key(backend.port())},
                      httpSpec(1000, 1, {HealthMatch{{200, 201}, {}, {}}}));
    HealthChecker checker;
    QSignalSpy probes(&checker, &HealthChecker::probeFinished);
    QSignalSpy served(&backend, &DemoBackend::requestServed);
    checker.setTable(table);
    QVERIFY(probes.wait(5000));
    QCOMPARE(lastProbe(probes).reason, HealthReason::Ok);
    QCOMPARE(lastProbe(probes).statusCode, 201);
    QCOMPARE(served.value(0).value(0).toByteArray(), QByteArray("GET"));
    QCOMPARE(served.value(0).value(1).toByteArray(), QByteArray("/health"));
}

void tst_HealthChecker::tcpProbe()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    const quint16 port = backend.port();
    auto table = std::make_shared<HealthTable>();
    HealthCheckSpec spec;
    spec.intervalMs = 80;
    spec.maxFails = 2;
    table->addService(QStringLiteral("tcp"), {key(port)}, spec);
    HealthChecker checker;
    QSignalSpy transitions(&checker, &HealthChecker::transition);
    QSignalSpy probes(&checker, &HealthChecker::probeFinished);
    checker.setTable(table);
    QVERIFY(waitForTransition(transitions, HealthState::Healthy));
    QTRY_VERIFY_WITH_TIMEOUT(backend.connectionCount() >= 2, 5000);
    QCOMPARE(backend.requestCount(), quint64(0)); // connect only, nothing sent
    backend.stop();
    const auto t = waitForTransition(transitions, HealthState::Unhealthy);
    QVERIFY(t);
    QCOMPARE(t->reason, HealthReason::Refused);
    QVERIFY(healthLog().contains(
        QStringLiteral("tcp %1 healthy -> unhealthy (refused, 2/2 failures)").arg(key(port))));
    QVERIFY(backend.start(port));
    QVERIFY(waitForTransition(transitions, HealthState::Healthy));
}

void tst_HealthChecker::passiveCoolDown()
{
    auto table = std::make_shared<HealthTable>();
    HealthCheckSpec spec;
    spec.maxFails = 2;
    spec.failTimeoutMs = 300;
    table->addService(QStringLiteral("p"), {QStringLiteral("127.0.0.1:1")}, spec);
    HealthChecker checker;
    QSignalSpy transitions(&checker, &HealthChecker::transition);
    QSignalSpy probes(&checker, &HealthChecker::probeFinished);
    checker.setTable(table);

    // two refused connections reported by a worker thread (std::thread: TSan sees its join,
    // not QThread::wait(), which synchronises inside uninstrumented Qt)
    QElapsedTimer timer;
    timer.start();
    std::thread worker([table] {
        table->reportPassiveFailure(0, HealthReason::Refused);
        table->reportPassiveFailure(0, HealthReason::Refused);
    });
    worker.join();
    QVERIFY(!table->isUsable(0));
    auto t = waitForTransition(transitions, HealthState::Unhealthy);
    QVERIFY(t);
    QCOMPARE(t->reason, HealthReason::Refused);
    t = waitForTransition(transitions, HealthState::Healthy);
    QVERIFY(t);
    QCOMPARE(t->reason, HealthReason::CoolDown);
    QVERIFY2(timer.elapsed() >= 250, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(table->isUsable(0));
    QCOMPARE(probes.size(), 0); // passive only: never probed
}

void tst_HealthChecker::reloadKeepsState()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    backend.setStatusCode(503);
    auto first = std::make_shared<HealthTable>();
    first->addService(QStringLiteral("s"), {key(backend.port())}, httpSpec(100, 1));
    HealthChecker checker;
    QSignalSpy transitions(&checker, &HealthChecker::transition);
    checker.setTable(first);
    QVERIFY(waitForTransition(transitions, HealthState::Unhealthy));

    // reload: a new table (new interval), state carried over, the endpoint stays out
    auto second = std::make_shared<HealthTable>();
    second->addService(QStringLiteral("s"), {key(backend.port())}, httpSpec(5000, 1));
    second->carryOver(*first);
    QVERIFY(!second->isUsable(0));
    transitions.clear();
    checker.setTable(second);
    QCOMPARE(checker.table(), second);
    backend.setStatusCode(200);
    const auto t = waitForTransition(transitions, HealthState::Healthy);
    QVERIFY(t);
    QCOMPARE(t->from, HealthState::Unhealthy);
    QVERIFY(second->isUsable(0));
    // the old table is no longer probed nor observed
    QVERIFY(!first->isUsable(0));
}

void tst_HealthChecker::stopsProbingWhenDetached()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    auto table = std::make_shared<HealthTable>();
    table->addService(QStringLiteral("s"), {key(backend.port())}, httpSpec(30, 1));
    auto checker = std::make_unique<HealthChecker>();
    QSignalSpy probes(checker.get(), &HealthChecker::probeFinished);
    checker->setTable(table);
    QVERIFY(probes.wait(5000));
    checker.reset();
    const quint64 requests = backend.requestCount();
    QTest::qWait(150);
    QCOMPARE(backend.requestCount(), requests);
    // the table outlives the checker and stays usable by workers
    table->reportPassiveFailure(0, HealthReason::Refused);
    QVERIFY(!table->isUsable(0));
}

void tst_HealthChecker::onItsOwnThread()
{
    // As the engine runs it: the checker on a health thread, the table read by another thread,
    // transitions delivered to this (GUI-like) thread through queued signals.
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    auto table = std::make_shared<HealthTable>();
    table->addService(QStringLiteral("s"), {key(backend.port())}, httpSpec(50, 1));
    QThread healthThread;
    auto *checker = new HealthChecker;
    checker->moveToThread(&healthThread);
    connect(&healthThread, &QThread::finished, checker, &QObject::deleteLater);
    QList<HealthTransition> seen;
    QList<bool> onGuiThread;
    connect(checker, &HealthChecker::transition, this, [&](const HealthTransition &t) {
        GATEHOUSE_TSAN_ACQUIRE_HAND_OFF(); // queued from the health thread
        seen.append(t);
        onGuiThread.append(QThread::currentThread() == thread());
    });
    startThread(&healthThread);
    invokeQueued(checker, [checker, table] { checker->setTable(table); });
    QTRY_VERIFY_WITH_TIMEOUT(!seen.isEmpty() && seen.last().to == HealthState::Healthy, 5000);
    backend.setStatusCode(500);
    QTRY_VERIFY_WITH_TIMEOUT(seen.last().to == HealthState::Unhealthy, 5000);
    QVERIFY(!table->isUsable(0)); // read lock-free from this thread
    QVERIFY(!onGuiThread.contains(false));
    invokeBlocking(checker, [checker] { checker->setTable(nullptr); });
    QVERIFY(quitAndWait(&healthThread, QDeadlineTimer(5000)));
}

QTEST_GUILESS_MAIN(tst_HealthChecker)
#include "tst_healthchecker.moc"
