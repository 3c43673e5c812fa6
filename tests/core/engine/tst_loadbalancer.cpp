#include "engine/hashingbalancer.h"
#include "engine/leastconnectionbalancer.h"
#include "engine/roundrobinbalancer.h"

#include <QTest>

#include <array>

using namespace Gatehouse::Core;

namespace {

// Picks `n` times and returns the sequence as letters: A = endpoint 0, '-' = none.
QByteArray sequence(LoadBalancer &lb, const PickContext &ctx, int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i) {
        const int e = lb.pick(ctx);
        out.append(e < 0 ? '-' : char('A' + e));
    }
    return out;
}

HealthCheckSpec oneFail()
{
    HealthCheckSpec s;
    s.maxFails = 1;
    s.intervalMs = 1000;
    return s;
}

ProbeResult ok()
{
    ProbeResult r;
    r.reason = HealthReason::Ok;
    return r;
}

struct Fixture
{
    HealthTable table;
    int first;
    explicit Fixture(int endpoints)
    {
        QLoggingCategory::setFilterRules(QStringLiteral("gatehouse.health.info=false"));
        QStringList keys;
        for (int i = 0; i < endpoints; ++i)
            keys.append(QStringLiteral("10.0.0.%1:80").arg(i + 1));
        first = table.addService(QStringLiteral("pad"), {QStringLiteral("1.1.1.1:1")}, oneFail());
        first = table.addService(QStringLiteral("svc"), keys, oneFail());
    }
    ~Fixture() { QLoggingCategory::setFilterRules(QString()); }
    PickContext ctx() const { return PickContext{&table, first}; }
    void down(int e) { table.reportPassiveFailure(first + e, HealthReason::Refused); }
    void up(int e) { table.reportProbe(first + e, ok()); }
};

} // namespace

class tst_LoadBalancer : public QObject
{
    Q_OBJECT

private slots:
    void roundRobinEqual();
    void roundRobinTwoToOne();
    void roundRobinThreeWay();
    void roundRobinExactOver300();
    void roundRobinRotation();
    void roundRobinSkipsUnhealthy();
    void roundRobinReturningEndpointAtMinimum();
    void roundRobinBackup();
    void roundRobinExcluded();
    void roundRobinNone();
    void hashingStable();
    void hashingRehashesToHealthy();
    void hashingAllDown();
    void leastConnection();
    void leastConnectionUnpairedRelease();
    void leastWorkWeighted();
    void factory();
    void benchmarkRoundRobinPick();
    void benchmarkHashingPick();
};

void tst_LoadBalancer::roundRobinEqual()
{
    RoundRobinBalancer rr({100, 100});
    QCOMPARE(sequence(rr, {}, 8), QByteArray("ABABABAB"));
}

void tst_LoadBalancer::roundRobinTwoToOne()
{
    RoundRobinBalancer rr({200, 100});
    QCOMPARE(sequence(rr, {}, 12), QByteArray("ABAABAABAABA"));
    RoundRobinBalancer small({2, 1});
    QCOMPARE(sequence(small, {}, 9), QByteArray("ABAABAABA"));
}

void tst_LoadBalancer::roundRobinThreeWay()
{
    RoundRobinBalancer rr({1, 2, 3});
    // lowest hits/weight, ties to the earliest; reset after 6
    QCOMPARE(sequence(rr, {}, 12), QByteArray("ABCCBCABCCBC"));
}

void tst_LoadBalancer::roundRobinExactOver300()
{
    RoundRobinBalancer rr({200, 100});
    std::array<int, 2> counts{};
    for (int i = 0; i < 300; ++i)
        ++counts[size_t(rr.pick({}))];
    QCOMPARE(counts[0], 200);
    QCOMPARE(counts[1], 100);
    QCOMPARE(rr.hits(0), quint64(0)); // counters reset when every weight is used
    QCOMPARE(rr.hits(1), quint64(0));
}

void tst_LoadBalancer::roundRobinRotation()
{
    // Each worker passes its index: ties start elsewhere, the proportions stay exact.
    RoundRobinBalancer second({100, 100}, 1);
    QCOMPARE(sequence(second, {}, 8), QByteArray("BABABABA"));
    RoundRobinBalancer third({100, 100, 100}, 2);
    QCOMPARE(sequence(third, {}, 6), QByteArray("CABCAB"));
    RoundRobinBalancer weighted({200, 100}, 1);
    QCOMPARE(sequence(weighted, {}, 12), QByteArray("BAABAABAABAA"));
    RoundRobinBalancer wraps({100, 100}, 3);
    QCOMPARE(sequence(wraps, {}, 4), QByteArray("BABA"));
    int a = 0;
    for (int i = 0; i < 300; ++i)
        a += weighted.pick(PickContext()) == 0;
    QCOMPARE(a, 200);
}

void tst_LoadBalancer::roundRobinSkipsUnhealthy()
{
    Fixture f(3);
    RoundRobinBalancer rr({1, 1, 1});
    QCOMPARE(sequence(rr, f.ctx(), 3), QByteArray("ABC"));
    f.down(1);
    QCOMPARE(sequence(rr, f.ctx(), 6), QByteArray("ACACAC"));
}

void tst_LoadBalancer::roundRobinReturningEndpointAtMinimum()
{
    Fixture f(2);
    RoundRobinBalancer rr({100, 100});
    f.down(1);
    QCOMPARE(sequence(rr, f.ctx(), 10), QByteArray("AAAAAAAAAA"));
    f.up(1);
    // B re-enters at A's usage: no burst of ten B's to catch up.
    QCOMPARE(sequence(rr, f.ctx(), 6), QByteArray("ABABAB"));
}

void tst_LoadBalancer::roundRobinBackup()
{
    Fixture f(4);
    RoundRobinBalancer rr({1, 1, 0, 0});
    QCOMPARE(sequence(rr, f.ctx(), 4), QByteArray("ABAB"));
    f.down(0);
    f.down(1);
    QCOMPARE(sequence(rr, f.ctx(), 4), QByteArray("CDCD"));
    f.down(3);
    QCOMPARE(sequence(rr, f.ctx(), 2), QByteArray("CC"));
    f.up(1);
    QCOMPARE(sequence(rr, f.ctx(), 2), QByteArray("BB"));
}

void tst_LoadBalancer::roundRobinExcluded()
{
    RoundRobinBalancer rr({1, 1, 0});
    const int tried[] = {0};
    PickContext ctx;
    ctx.excluded = tried;
    QCOMPARE(rr.pick(ctx), 1);
    const int both[] = {0, 1};
    ctx.excluded = both;
    QCOMPARE(rr.pick(ctx), 2); // the backup, when every primary was tried
}

void tst_LoadBalancer::roundRobinNone()
{
    Fixture f(2);
    RoundRobinBalancer rr({5, 5});
    f.down(0);
    f.down(1);
    QCOMPARE(rr.pick(f.ctx()), -1);
    RoundRobinBalancer empty({});
    QCOMPARE(empty.pick({}), -1);
    RoundRobinBalancer onlyZero({0});
    QCOMPARE(onlyZero.pick({}), 0);
}

void tst_LoadBalancer::hashingStable()
{
    HashingBalancer h(3);
    std::array<int, 3> counts{};
    for (int i = 0; i < 300; ++i) {
        const QByteArray ip = "192.168.1." + QByteArray::number(i);
        PickContext ctx;
        ctx.clientKey = std::string_view(ip.constData(), size_t(ip.size()));
        const int e = h.pick(ctx);
        QCOMPARE(h.pick(ctx), e); // same client, same endpoint
        QCOMPARE(e, h.home(ctx.clientKey));
        ++counts[size_t(e)];
    }
    for (const int c : counts)
        QVERIFY2(c > 60, "hash spreads clients");
}

void tst_LoadBalancer::hashingRehashesToHealthy()
{
    Fixture f(4);
    HashingBalancer h(4);
    QList<QByteArray> clients;
    for (int i = 0; i < 400; ++i)
        clients.append("10.1." + QByteArray::number(i / 256) + '.' + QByteArray::number(i % 256));
    auto pickFor = [&](const QByteArray &ip) {
        PickContext ctx = f.ctx();
        ctx.clientKey = std::string_view(ip.constData(), size_t(ip.size()));
        return h.pick(ctx);
    };
    QList<int> before;
    for (const QByteArray &c : clients)
        before.append(pickFor(c));
    f.down(2);
    std::array<int, 4> moved{};
    for (int i = 0; i < clients.size(); ++i) {
        const int now = pickFor(clients[i]);
        QVERIFY(now != 2);
        if (before[i] != 2)
            QCOMPARE(now, before[i]); // clients of healthy endpoints stay
        else
            ++moved[size_t(now)];
    }
    // displaced clients spread over all three survivors
    QVERIFY(moved[0] > 0 && moved[1] > 0 && moved[3] > 0);
    f.up(2);
    for (int i = 0; i < clients.size(); ++i)
        QCOMPARE(pickFor(clients[i]), before[i]);
}

void tst_LoadBalancer::hashingAllDown()
{
    Fixture f(2);
    HashingBalancer h(2);
    f.down(0);
    f.down(1);
    QCOMPARE(h.pick(f.ctx()), -1);
    HashingBalancer none(0);
    QCOMPARE(none.pick({}), -1);
}

void tst_LoadBalancer::leastConnection()
{
    Fixture f(3);
    LeastConnectionBalancer lc(3);
    // idle: rotate
    QCOMPARE(sequence(lc, f.ctx(), 4), QByteArray("ABCA"));
    lc.acquire(0);
    lc.acquire(0);
    lc.acquire(1);
    QCOMPARE(lc.pick(f.ctx()), 2);
    lc.acquire(2);
    QCOMPARE(lc.pick(f.ctx()), 1); // B and C have 1, the scan starts after C
    lc.acquire(1);
    QCOMPARE(lc.pick(f.ctx()), 2);
    lc.release(0);
    lc.release(0);
    QCOMPARE(lc.pick(f.ctx()), 0);
    QCOMPARE(lc.inFlight(1), quint32(2));
    f.down(0);
    QVERIFY(lc.pick(f.ctx()) != 0);
    const int tried[] = {2};
    PickContext ctx = f.ctx();
    ctx.excluded = tried;
    QCOMPARE(lc.pick(ctx), 1);
}

void tst_LoadBalancer::leastConnectionUnpairedRelease()
{
    LeastConnectionBalancer lc(2);
    lc.release(0);
    QCOMPARE(lc.inFlight(0), quint32(0));
    lc.release(5);
    lc.acquire(-1);
    lc.acquire(1);
    QCOMPARE(lc.pick({}), 0);
}

void tst_LoadBalancer::leastWorkWeighted()
{
    LeastConnectionBalancer lw(QList<int>{3, 1, 0});
    // keep every connection: B gets one per three of A's; C (weight 0 counts as 1) like B
    QByteArray seq;
    for (int i = 0; i < 10; ++i) {
        const int e = lw.pick({});
        lw.acquire(e);
        seq.append(char('A' + e));
    }
    QCOMPARE(seq.count('A'), 6);
    QCOMPARE(seq.count('B'), 2);
    QCOMPARE(seq.count('C'), 2);
    QCOMPARE(lw.inFlight(0), quint32(6));
}

void tst_LoadBalancer::factory()
{
    auto rr = LoadBalancer::create(BalancerAlgorithm::RoundRobin, {200, 100});
    QCOMPARE(sequence(*rr, {}, 3), QByteArray("ABA"));
    QVERIFY(dynamic_cast<HashingBalancer *>(
        LoadBalancer::create(BalancerAlgorithm::Hashing, {1, 1}).get()));
    auto lc = LoadBalancer::create(BalancerAlgorithm::LeastConnection, {0, 0});
    QCOMPARE(lc->endpointCount(), 2);
    QVERIFY(dynamic_cast<LeastConnectionBalancer *>(lc.get()));
    auto lw = LoadBalancer::create(BalancerAlgorithm::WeightedLeastConnection, {2, 1});
    QVERIFY(dynamic_cast<LeastConnectionBalancer *>(lw.get()));
}

void tst_LoadBalancer::benchmarkRoundRobinPick()
{
    // The data path's cost per pick: 8 endpoints, health read from the table.
    Fixture f(8);
    RoundRobinBalancer rr({100, 100, 50, 50, 20, 20, 10, 0});
    const PickContext ctx = f.ctx();
    int sum = 0;
    QBENCHMARK
    {
        for (int i = 0; i < 1000; ++i)
            sum += rr.pick(ctx);
    }
    QVERIFY(sum > 0);
}

void tst_LoadBalancer::benchmarkHashingPick()
{
    Fixture f(8);
    HashingBalancer h(8);
    PickContext ctx = f.ctx();
    ctx.clientKey = "192.168.100.200";
    int sum = 0;
    QBENCHMARK
    {
        for (int i = 0; i < 1000; ++i)
            sum += h.pick(ctx);
    }
    QVERIFY(sum >= 0);
}

QTEST_GUILESS_MAIN(tst_LoadBalancer)
#include "tst_loadbalancer.moc"
