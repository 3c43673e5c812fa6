#include "health/healthtable.h"

#include <QTest>
#include <QThread>

#include <atomic>

using namespace Gatehouse::Core;

namespace {

HealthCheckSpec spec(int maxFails, qint64 intervalMs = 2000, qint64 failTimeoutMs = 0)
{
    HealthCheckSpec s;
    s.maxFails = maxFails;
    s.intervalMs = intervalMs;
    s.failTimeoutMs = failTimeoutMs;
    s.path = "/";
    return s;
}

ProbeResult probe(HealthReason reason, int status = 0)
{
    ProbeResult r;
    r.reason = reason;
    r.statusCode = status;
    r.latencyUs = 1234;
    return r;
}

const QStringList s_endpoints
    = {QStringLiteral("127.0.0.1:8081"), QStringLiteral("127.0.0.1:8082")};

} // namespace

class tst_HealthTable : public QObject
{
    Q_OBJECT

private slots:
    void layout();
    void parsesEndpointKeys();
    void consecutiveFailures();
    void passiveFailuresMarkDown();
    void probeRecovers();
    void coolDown();
    void disabled();
    void carryOver();
    void concurrentReportsTransitionOnce();
    void logLine();
    void specEnabled();
    void noHealthCheckNeverMarksDown();
};

void tst_HealthTable::layout()
{
    HealthTable t;
    QCOMPARE(t.addService(QStringLiteral("a"), s_endpoints, spec(2)), 0);
    QCOMPARE(t.addService(QStringLiteral("b"), s_endpoints, spec(3)), 2);
    QCOMPARE(t.targetCount(), 4);
    QCOMPARE(t.indexOf(u"b", u"127.0.0.1:8081"), 2);
    QCOMPARE(t.indexOf(u"c", u"127.0.0.1:8081"), -1);
    for (int i = 0; i < 4; ++i) {
        QVERIFY(t.isUsable(i));
        QCOMPARE(t.state(i), HealthState::NotChecked);
    }
    QCOMPARE(t.target(3).spec->maxFails, 3);
}

void tst_HealthTable::parsesEndpointKeys()
{
    HealthTable t;
    t.addService(QStringLiteral("s"),
                 {QStringLiteral("10.0.0.1:80"), QStringLiteral("[::1]:8443"),
                  QStringLiteral("backend.local:9000"), QStringLiteral("noport"),
                  QStringLiteral("10.0.0.1:99999")},
                 spec(1));
    QCOMPARE(t.target(0).host, QStringLiteral("10.0.0.1"));
    QCOMPARE(t.target(0).port, quint16(80));
    QCOMPARE(t.target(1).host, QStringLiteral("::1"));
    QCOMPARE(t.target(1).port, quint16(8443));
    QCOMPARE(t.target(2).host, QStringLiteral("backend.local"));
    QCOMPARE(t.target(2).port, quint16(9000));
    QCOMPARE(t.target(3).port, quint16(0));
    QCOMPARE(t.target(4).port, quint16(0));
}

void tst_HealthTable::consecutiveFailures()
{
    // FGW would mark this down (2 failures since recovery); consecutive counting does not.
    HealthTable t;
    t.addService(QStringLiteral("s"), s_endpoints, spec(2));
    t.reportProbe(1, probe(HealthReason::BadStatus, 500));
    QVERIFY(t.isUsable(1));
    t.reportProbe(1, probe(HealthReason::Ok, 200));
    QCOMPARE(t.state(1), HealthState::Healthy);
    t.reportProbe(1, probe(HealthReason::BadStatus, 500));
    QVERIFY(t.isUsable(1));
    QCOMPARE(t.snapshot(1).consecutiveFailures, 1);
    t.reportProbe(1, probe(HealthReason::Refused));
    QVERIFY(!t.isUsable(1));
    QCOMPARE(t.state(1), HealthState::Unhealthy);
    QVERIFY(t.isUsable(0));
    const HealthTargetSnapshot s = t.snapshot(1);
    QCOMPARE(s.consecutiveFailures, 2);
    QCOMPARE(s.maxFails, 2);
    QCOMPARE(s.lastReason, HealthReason::Refused);
    QCOMPARE(s.lastLatencyUs, qint64(1234));
    QVERIFY(s.lastProbeAtMs > 0);
}

void tst_HealthTable::passiveFailuresMarkDown()
{
    HealthTable t;
    t.addService(QStringLiteral("backendService1"), s_endpoints, spec(2));
    QList<HealthTransition> seen;
    t.setObserver([&](const HealthTransition &tr) { seen.append(tr); });
    t.reportPassiveFailure(1, HealthReason::Refused);
    QVERIFY(seen.isEmpty());
    QTest::ignoreMessage(QtInfoMsg,
                         "backendService1 127.0.0.1:8082 not checked -> unhealthy (refused, 2/2 "
                         "failures)");
    t.reportPassiveFailure(1, HealthReason::Refused);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].target, 1);
    QCOMPARE(seen[0].from, HealthState::NotChecked);
    QCOMPARE(seen[0].to, HealthState::Unhealthy);
    QCOMPARE(seen[0].reason, HealthReason::Refused);
    QVERIFY(t.unhealthySinceMs(1) > 0);
    // further failures count but do not transition again
    t.reportPassiveFailure(1, HealthReason::Reset);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(t.snapshot(1).consecutiveFailures, 3);
    // out of range is ignored
    t.reportPassiveFailure(7, HealthReason::Refused);
    t.reportPassiveFailure(-1, HealthReason::Refused);
}

void tst_HealthTable::probeRecovers()
{
    HealthTable t;
    t.addService(QStringLiteral("backendService1"), s_endpoints, spec(1));
    QList<HealthTransition> seen;
    t.setObserver([&](const HealthTransition &tr) { seen.append(tr); });
    t.reportProbe(1, probe(HealthReason::Timeout));
    QVERIFY(!t.isUsable(1));
    QTest::ignoreMessage(QtInfoMsg, "backendService1 127.0.0.1:8082 unhealthy -> healthy (ok 200)");
    t.reportProbe(1, probe(HealthReason::Ok, 200));
    QVERIFY(t.isUsable(1));
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[1].to, HealthState::Healthy);
    QCOMPARE(t.snapshot(1).consecutiveFailures, 0);
    QCOMPARE(t.unhealthySinceMs(1), qint64(0));
}

void tst_HealthTable::coolDown()
{
    HealthTable t;
    t.addService(QStringLiteral("s"), s_endpoints, spec(1, 0, 30000));
    t.reviveAfterCoolDown(0); // not unhealthy: no-op
    QCOMPARE(t.state(0), HealthState::NotChecked);
    t.reportPassiveFailure(0, HealthReason::Refused);
    QVERIFY(!t.isUsable(0));
    t.reviveAfterCoolDown(0);
    QVERIFY(t.isUsable(0));
    QCOMPARE(t.state(0), HealthState::Healthy);
    QCOMPARE(t.snapshot(0).consecutiveFailures, 0);
}

void tst_HealthTable::disabled()
{
    HealthTable t;
    t.addService(QStringLiteral("s"), s_endpoints, spec(1));
    t.setDisabled(0, true);
    QVERIFY(!t.isUsable(0));
    QCOMPARE(t.state(0), HealthState::Disabled);
    // still checked underneath
    t.reportProbe(0, probe(HealthReason::Ok, 200));
    QVERIFY(!t.isUsable(0));
    QCOMPARE(t.snapshot(0).health, HealthState::Healthy);
    QCOMPARE(t.snapshot(0).state, HealthState::Disabled);
    t.setDisabled(0, false);
    QVERIFY(t.isUsable(0));
    QCOMPARE(t.state(0), HealthState::Healthy);
}

void tst_HealthTable::carryOver()
{
    HealthTable old;
    old.addService(QStringLiteral("a"), s_endpoints, spec(2));
    old.reportPassiveFailure(1, HealthReason::Refused);
    old.reportPassiveFailure(1, HealthReason::Refused);
    old.reportProbe(0, probe(HealthReason::BadStatus, 503));
    old.setDisabled(0, true);
    QVERIFY(!old.isUsable(1));

    HealthTable next;
    // a new endpoint first, the surviving ones after, and a new service with the same key
    next.addService(QStringLiteral("a"),
                    {QStringLiteral("127.0.0.1:9000"), QStringLiteral("127.0.0.1:8082"),
                     QStringLiteral("127.0.0.1:8081")},
                    spec(3));
    next.addService(QStringLiteral("b"), {QStringLiteral("127.0.0.1:8082")}, spec(2));
    next.carryOver(old);
    QCOMPARE(next.state(0), HealthState::NotChecked);
    QCOMPARE(next.state(1), HealthState::Unhealthy);
    QCOMPARE(next.snapshot(1).consecutiveFailures, 2);
    QCOMPARE(next.snapshot(1).maxFails, 3);
    QCOMPARE(next.state(2), HealthState::Disabled);
    QCOMPARE(next.snapshot(2).lastStatusCode, 503);
    QCOMPARE(next.snapshot(2).consecutiveFailures, 1);
    QCOMPARE(next.state(3), HealthState::NotChecked); // same endpoint, other service
    // and the carried state keeps working
    next.reportProbe(1, probe(HealthReason::Ok, 200));
    QVERIFY(next.isUsable(1));
}

void tst_HealthTable::concurrentReportsTransitionOnce()
{
    HealthTable t;
    t.addService(QStringLiteral("s"), s_endpoints, spec(100));
    std::atomic<int> transitions{0};
    t.setObserver([&](const HealthTransition &) { transitions.fetch_add(1); });
    QLoggingCategory::setFilterRules(QStringLiteral("gatehouse.health.info=false"));
    QList<QThread *> threads;
    std::atomic<int> usableReads{0};
    for (int k = 0; k < 4; ++k) {
        threads.append(QThread::create([&] {
            for (int i = 0; i < 1000; ++i) {
                t.reportPassiveFailure(1, HealthReason::Reset);
                usableReads += t.isUsable(0) ? 1 : 0;
            }
        }));
        threads.last()->start();
    }
    for (QThread *th : threads) {
        QVERIFY(th->wait(10000));
        delete th;
    }
    QLoggingCategory::setFilterRules(QString());
    QCOMPARE(transitions.load(), 1);
    QCOMPARE(t.snapshot(1).consecutiveFailures, 4000);
    QCOMPARE(usableReads.load(), 4000);
}

void tst_HealthTable::logLine()
{
    HealthTransition tr;
    tr.service = QStringLiteral("backendService1");
    tr.endpoint = QStringLiteral("127.0.0.1:8082");
    tr.from = HealthState::Healthy;
    tr.to = HealthState::Unhealthy;
    tr.reason = HealthReason::Refused;
    tr.failures = 2;
    tr.maxFails = 2;
    QCOMPARE(tr.logLine(),
             QStringLiteral(
                 "backendService1 127.0.0.1:8082 healthy -> unhealthy (refused, 2/2 failures)"));
    tr.reason = HealthReason::BadStatus;
    tr.statusCode = 500;
    QCOMPARE(tr.logLine(),
             QStringLiteral(
                 "backendService1 127.0.0.1:8082 healthy -> unhealthy (status 500, 2/2 failures)"));
}

void tst_HealthTable::specEnabled()
{
    QVERIFY(spec(2, 2000, 0).enabled());
    QVERIFY(spec(2, 0, 30000).enabled());
    QVERIFY(!spec(0, 2000, 30000).enabled());
    QVERIFY(!spec(2, 0, 0).enabled());
}

void tst_HealthTable::noHealthCheckNeverMarksDown()
{
    // Services without a (qualifying) HealthCheck are in the table too, so workers can report
    // uniformly; like FGW they never lose endpoints to passive failures.
    HealthTable t;
    t.addService(QStringLiteral("plain"), s_endpoints, HealthCheckSpec{});
    t.addService(QStringLiteral("nointerval"), s_endpoints, spec(2, 0, 0));
    for (int i = 0; i < 5; ++i) {
        t.reportPassiveFailure(0, HealthReason::Refused);
        t.reportPassiveFailure(2, HealthReason::Refused);
    }
    QVERIFY(t.isUsable(0));
    QVERIFY(t.isUsable(2));
    QCOMPARE(t.snapshot(0).consecutiveFailures, 5);
    QCOMPARE(t.snapshot(0).lastReason, HealthReason::Refused);
}

QTEST_GUILESS_MAIN(tst_HealthTable)
#include "tst_healthtable.moc"
