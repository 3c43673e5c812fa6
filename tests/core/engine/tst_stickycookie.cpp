#include "engine/stickycookie.h"

#include <QTest>

#include <functional>
#include <string>

using namespace Gatehouse::Core;

namespace {
std::string_view sv(const char *s)
{
    return std::string_view(s);
}
qint64 fixedClock()
{
    return 784111777; // Sun, 06 Nov 1994 08:49:37 GMT
}
} // namespace

class tst_StickyCookie : public QObject
{
    Q_OBJECT

private slots:
    void fgwValues_data();
    void fgwValues();
    void libStdCxxMatchesThisMachine();
    void libCxxLengthClasses();
    void findCookie_data();
    void findCookie();
    void pinsBothFamilies();
    void rejectsForeignValues_data();
    void rejectsForeignValues();
    void multiplePairs();
    void pinnedOnlyWhenUsable();
    void setCookieFormat();
    void setCookieBufferTooSmall();
    void benchmarkLookupAndFormat();
};

void tst_StickyCookie::fgwValues_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("libcxx");
    QTest::addColumn<quint64>("expected");
    // reference §2.5: libstdc++ (Linux FGW, shpec), libc++ (macOS FGW, the article's README)
    QTest::newRow("libstdc++ 8082")
        << QByteArray("127.0.0.1:8082") << false << quint64(8153145845723989ULL);
    QTest::newRow("libstdc++ 8081")
        << QByteArray("127.0.0.1:8081") << false << quint64(8854252444916726ULL);
    QTest::newRow("libc++ 8082") << QByteArray("127.0.0.1:8082") << true
                                 << quint64(3021372512864600ULL);
    QTest::newRow("libc++ 8081") << QByteArray("127.0.0.1:8081") << true
                                 << quint64(7376698948304402ULL);
}

void tst_StickyCookie::fgwValues()
{
    QFETCH(QByteArray, key);
    QFETCH(bool, libcxx);
    QFETCH(quint64, expected);
    const auto family = libcxx ? StdHashFamily::LibCxx : StdHashFamily::LibStdCxx;
    QCOMPARE(fgwStickyValue(std::string_view(key.constData(), size_t(key.size())), family),
             expected);
}

void tst_StickyCookie::libStdCxxMatchesThisMachine()
{
#if defined(__GLIBCXX__) && Q_BYTE_ORDER == Q_LITTLE_ENDIAN
    static_assert(sizeof(size_t) == 8);
    // Every length class of _Hash_bytes (aligned blocks, 1..7 tail bytes, empty).
    std::string s;
    for (int len = 0; len < 200; ++len) {
        QCOMPARE(libStdCxxStringHash(s), quint64(std::hash<std::string>()(s)));
        s.push_back(char('!' + (len * 37) % 90));
    }
    QCOMPARE(libStdCxxStringHash(sv("[::1]:8443")),
             quint64(std::hash<std::string>()("[::1]:8443")));
#else
    QSKIP("not built with 64-bit little-endian libstdc++");
#endif
}

void tst_StickyCookie::libCxxLengthClasses()
{
    // No libc++ on this machine: pin values of each length class so a refactoring cannot
    // silently change them (values computed by this implementation, which reproduces the two
    // published 14-byte values above). Different lengths must give different values, and the
    // function must be defined for every length up to and beyond 64.
    std::string s;
    QList<quint64> seen;
    for (int len = 0; len < 150; ++len) {
        const quint64 h = libCxxStringHash(s);
        QVERIFY2(!seen.contains(h), qPrintable(QString::number(len)));
        seen.append(h);
        s.push_back(char('a' + len % 26));
    }
    QCOMPARE(libCxxStringHash(sv("")), quint64(0x9ae16a3b2f90404fULL)); // k2, as libc++ returns
}

void tst_StickyCookie::findCookie_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("expected"); // "<none>" = not found
    QTest::newRow("only") << QByteArray("_srv_id=42") << QByteArray("_srv_id") << QByteArray("42");
    QTest::newRow("among") << QByteArray("a=1; _srv_id=42; b=2") << QByteArray("_srv_id")
                           << QByteArray("42");
    QTest::newRow("no spaces") << QByteArray("a=1;_srv_id=42;b=2") << QByteArray("_srv_id")
                               << QByteArray("42");
    QTest::newRow("spaces around")
        << QByteArray("a=1 ;  _srv_id = 42 ") << QByteArray("_srv_id") << QByteArray("42");
    QTest::newRow("prefix name") << QByteArray("x_srv_id=1; _srv_id=42") << QByteArray("_srv_id")
                                 << QByteArray("42");
    QTest::newRow("suffix name") << QByteArray("_srv_idx=1") << QByteArray("_srv_id")
                                 << QByteArray("<none>");
    QTest::newRow("value with =") << QByteArray("_srv_id=a=b") << QByteArray("_srv_id")
                                  << QByteArray("a=b");
    QTest::newRow("empty value") << QByteArray("_srv_id=") << QByteArray("_srv_id")
                                 << QByteArray("");
    QTest::newRow("no equals") << QByteArray("_srv_id; a=1") << QByteArray("_srv_id")
                               << QByteArray("<none>");
    QTest::newRow("first wins") << QByteArray("_srv_id=1; _srv_id=2") << QByteArray("_srv_id")
                                << QByteArray("1");
    QTest::newRow("empty header") << QByteArray() << QByteArray("_srv_id") << QByteArray("<none>");
    QTest::newRow("trailing semicolon")
        << QByteArray("_srv_id=7;") << QByteArray("_srv_id") << QByteArray("7");
}

void tst_StickyCookie::findCookie()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, expected);
    const std::string_view h(header.constData(), size_t(header.size()));
    const auto value
        = StickyCookie::findCookie(h, std::string_view(name.constData(), size_t(name.size())));
    if (expected == "<none>") {
        QVERIFY(!value);
    } else {
        QVERIFY(value);
        QCOMPARE(QByteArray(value->data(), qsizetype(value->size())), expected);
        // zero-copy: a view into the header
        QVERIFY(value->data() >= h.data() && value->data() + value->size() <= h.data() + h.size());
    }
}

void tst_StickyCookie::pinsBothFamilies()
{
    const StickyCookie sticky("_srv_id", 3600, {"127.0.0.1:8081", "127.0.0.1:8082"});
    QCOMPARE(sticky.valueFor(0), QByteArray("8854252444916726"));
    QCOMPARE(sticky.valueFor(1), QByteArray("8153145845723989"));
    // Linux FGW's cookie (shpec) and the article's curl (macOS FGW) both pin 127.0.0.1:8082.
    QCOMPARE(sticky.endpointForCookieHeader(sv("_srv_id=8153145845723989")), 1);
    QCOMPARE(sticky.endpointForCookieHeader(sv("_srv_id=3021372512864600")), 1);
    QCOMPARE(sticky.endpointForCookieHeader(sv("_srv_id=8854252444916726")), 0);
    QCOMPARE(sticky.endpointForCookieHeader(sv("_srv_id=7376698948304402")), 0);
    QCOMPARE(sticky.endpointForCookieHeader(sv("theme=dark; _srv_id=\"3021372512864600\"")), 1);
    QCOMPARE(sticky.endpointForValue(sv("8153145845723989")), 1);
}

void tst_StickyCookie::rejectsForeignValues_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("unknown value") << QByteArray("_srv_id=8153145845723988");
    QTest::newRow("other cookie name") << QByteArray("srv_id=8153145845723989");
    QTest::newRow("leading plus") << QByteArray("_srv_id=+8153145845723989");
    QTest::newRow("hex") << QByteArray("_srv_id=0x1cf7c1f4e4d655");
    QTest::newRow("too long") << QByteArray("_srv_id=18153145845723989");
    QTest::newRow("overflow") << QByteArray("_srv_id=99999999999999999999999");
    QTest::newRow("empty") << QByteArray("_srv_id=");
    QTest::newRow("lone quote") << QByteArray("_srv_id=\"");
    QTest::newRow("no header") << QByteArray();
}

void tst_StickyCookie::rejectsForeignValues()
{
    QFETCH(QByteArray, header);
    const StickyCookie sticky("_srv_id", 3600, {"127.0.0.1:8081", "127.0.0.1:8082"});
    QCOMPARE(
        sticky.endpointForCookieHeader(std::string_view(header.constData(), size_t(header.size()))),
        -1);
}

void tst_StickyCookie::multiplePairs()
{
    const StickyCookie sticky("_srv_id", 3600, {"127.0.0.1:8081", "127.0.0.1:8082"});
    // A stale value first, then a valid one: the valid one pins.
    QCOMPARE(sticky.endpointForCookieHeader(sv("_srv_id=1; _srv_id=8153145845723989")), 1);
}

void tst_StickyCookie::pinnedOnlyWhenUsable()
{
    QLoggingCategory::setFilterRules(QStringLiteral("gatehouse.health.info=false"));
    const StickyCookie sticky("_srv_id", 3600, {"127.0.0.1:8081", "127.0.0.1:8082"});
    HealthCheckSpec spec;
    spec.maxFails = 1;
    spec.intervalMs = 1000;
    HealthTable table;
    const int first = table.addService(
        QStringLiteral("s"), {QStringLiteral("127.0.0.1:8081"), QStringLiteral("127.0.0.1:8082")},
        spec);
    PickContext ctx{&table, first};
    QCOMPARE(sticky.pinnedEndpoint(sv("_srv_id=3021372512864600"), ctx), 1);
    table.reportPassiveFailure(first + 1, HealthReason::Refused);
    QCOMPARE(sticky.pinnedEndpoint(sv("_srv_id=3021372512864600"), ctx), -1);
    QCOMPARE(sticky.pinnedEndpoint(sv("_srv_id=8854252444916726"), ctx), 0);
    const int tried[] = {0};
    ctx.excluded = tried;
    QCOMPARE(sticky.pinnedEndpoint(sv("_srv_id=8854252444916726"), ctx), -1);
    QCOMPARE(sticky.pinnedEndpoint(sv("_srv_id=8854252444916726"), PickContext{}), 0);
    QLoggingCategory::setFilterRules(QString());
}

void tst_StickyCookie::setCookieFormat()
{
    StickyCookie sticky("_srv_id", 3600, {"127.0.0.1:8081", "127.0.0.1:8082"});
    sticky.setClock(&fixedClock);
    QCOMPARE(sticky.setCookie(1),
             QByteArray("_srv_id=8153145845723989; path=/; expires=Sun, 06 Nov 1994 09:49:37 GMT; "
                        "max-age=3600"));
    StickyCookie shortLived("s", 5, {"10.0.0.1:80"});
    char buf[128];
    const int n = shortLived.formatSetCookie(0, 0, buf, int(sizeof buf));
    QCOMPARE(QByteArray(buf, n),
             "s=" + QByteArray::number(fgwStickyValue(sv("10.0.0.1:80"), StdHashFamily::LibStdCxx))
                 + "; path=/; expires=Thu, 01 Jan 1970 00:00:05 GMT; max-age=5");
    QVERIFY(n <= shortLived.maxSetCookieLength());
    QCOMPARE(sticky.setCookie(2), QByteArray());
    QCOMPARE(sticky.setCookie(-1), QByteArray());
}

void tst_StickyCookie::setCookieBufferTooSmall()
{
    const StickyCookie sticky("_srv_id", 3600, {"127.0.0.1:8081"});
    char buf[256];
    const int need = sticky.formatSetCookie(0, 0, buf, int(sizeof buf));
    QVERIFY(need > 0);
    QCOMPARE(sticky.formatSetCookie(0, 0, buf, need - 1), 0);
    QCOMPARE(sticky.formatSetCookie(0, 0, buf, need), need);
}

void tst_StickyCookie::benchmarkLookupAndFormat()
{
    // Per request: find the cookie among others, map it, format a Set-Cookie.
    const StickyCookie sticky("_srv_id", 3600, {"127.0.0.1:8081", "127.0.0.1:8082"});
    const std::string_view header = "theme=dark; lang=en; _srv_id=8153145845723989; x=1";
    char buf[128];
    int sum = 0;
    QBENCHMARK
    {
        for (int i = 0; i < 1000; ++i) {
            sum += sticky.endpointForCookieHeader(header);
            sum += sticky.formatSetCookie(0, 1700000000 + i, buf, int(sizeof buf));
        }
    }
    QVERIFY(sum > 0);
}

QTEST_GUILESS_MAIN(tst_StickyCookie)
#include "tst_stickycookie.moc"
