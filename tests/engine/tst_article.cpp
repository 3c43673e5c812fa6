// The seed article, step by step, against the real engine on loopback: round robin, the sticky
// cookie, the static site, and a backend that dies and comes back.
#include "testclient.h"

#include "config/jsondocument.h"
#include "engine/compiledconfig.h"
#include "engine/demobackend.h"
#include "engine/enginecontroller.h"
#include "engine/stickycookie.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

QByteArray articleConfig()
{
    QFile f(u":/examples/fgw-article.json"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace

class tst_Article : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void roundRobinEqualWeights_data();
    void roundRobinEqualWeights();
    void roundRobinTwoToOne_data();
    void roundRobinTwoToOne();
    void workersStartRoundRobinApart();
    void stickyCookieIssuedAndHonoured();
    void fgwCookieValuesPin8082();
    void staticSite();
    void killAndRestartBackend();

private:
    // The article's config with free ports, the test's backends and a private static root.
    QByteArray config(int echoWeight = 100, int helloWeight = 100) const;
    bool start(int threads, const QByteArray &text);
    QPair<int, int> spread(int requests);

    std::unique_ptr<DemoBackend> m_echo;
    std::unique_ptr<DemoBackend> m_hello;
    std::unique_ptr<EngineController> m_engine;
    std::unique_ptr<QTemporaryDir> m_root;
    quint16 m_proxyPort = 0;
    quint16 m_staticPort = 0;
};

void tst_Article::init()
{
    m_echo = std::make_unique<DemoBackend>(DemoBackend::Behaviour::EchoRequest);
    m_hello = std::make_unique<DemoBackend>(DemoBackend::Behaviour::Hello);
    QVERIFY(m_echo->start());
    QVERIFY(m_hello->start());
    m_root = std::make_unique<QTemporaryDir>();
    QFile index(m_root->path() + u"/index.html"_s);
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write(DemoBackend::articleIndexHtml());
    index.close();
    QFile secret(m_root->path() + u"/../gatehouse-secret-outside-root.txt"_s);
    m_proxyPort = freePort();
    m_staticPort = freePort();
    while (m_staticPort == m_proxyPort)
        m_staticPort = freePort();
}

void tst_Article::cleanup()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
    m_echo.reset();
    m_hello.reset();
    m_root.reset();
}

QByteArray tst_Article::config(int echoWeight, int helloWeight) const
{
    QString text = QString::fromUtf8(articleConfig());
    text.replace(u"\"Port\": 8000"_s, u"\"Port\": %1"_s.arg(m_proxyPort));
    text.replace(u"\"8000\":"_s, u"\"%1\":"_s.arg(m_proxyPort));
    text.replace(u"\"Port\": 8080"_s, u"\"Port\": %1"_s.arg(m_staticPort));
    text.replace(u"\"8080\":"_s, u"\"%1\":"_s.arg(m_staticPort));
    text.replace(QRegularExpression(uR"("127\.0\.0\.1:8081":\s*\{\s*"Weight":\s*100)"_s),
                 u"\"127.0.0.1:%1\": {\"Weight\": %2"_s.arg(m_echo->port()).arg(echoWeight));
    text.replace(QRegularExpression(uR"("127\.0\.0\.1:8082":\s*\{\s*"Weight":\s*100)"_s),
                 u"\"127.0.0.1:%1\": {\"Weight\": %2"_s.arg(m_hello->port()).arg(helloWeight));
    text.replace(u"\"ServerRoot\": \"/tmp\""_s, u"\"ServerRoot\": \"%1\""_s.arg(m_root->path()));
    return text.toUtf8();
}

bool tst_Article::start(int threads, const QByteArray &text)
{
    m_engine = std::make_unique<EngineController>(threads);
    const EngineController::Outcome outcome = m_engine->apply(text, m_root->path());
    if (!outcome.ok)
        qWarning() << outcome.error;
    return outcome.ok;
}

QPair<int, int> tst_Article::spread(int requests)
{
    const quint16 port = m_proxyPort;
    return offThread([port, requests] {
        int echo = 0, hello = 0;
        for (int i = 0; i < requests; ++i) {
            const Reply r = TestClient::get(port, "/hi");
            if (r.status == 200 && r.body.startsWith("You are requesting"))
                ++echo;
            else if (r.status == 200 && r.body == "Hello, there")
                ++hello;
        }
        return qMakePair(echo, hello);
    });
}

void tst_Article::roundRobinEqualWeights_data()
{
    QTest::addColumn<int>("threads");
    QTest::newRow("one worker") << 1;
    QTest::newRow("two workers") << 2;
}

void tst_Article::roundRobinEqualWeights()
{
    QFETCH(int, threads);
    QVERIFY(start(threads, config()));
    const auto [echo, hello] = spread(300);
    QCOMPARE(echo + hello, 300);
    if (threads == 1) {
        QCOMPARE(echo, 150);
        QCOMPARE(hello, 150);
    } else {
        QVERIFY2(qAbs(echo - 150) <= 15, qPrintable(u"%1/%2"_s.arg(echo).arg(hello)));
    }
}

void tst_Article::roundRobinTwoToOne_data()
{
    roundRobinEqualWeights_data();
}

void tst_Article::roundRobinTwoToOne()
{
    QFETCH(int, threads);
    QVERIFY(start(threads, config(200, 100)));
    const auto [echo, hello] = spread(300);
    QCOMPARE(echo + hello, 300);
    if (threads == 1) {
        QCOMPARE(echo, 200);
        QCOMPARE(hello, 100);
    } else {
        QVERIFY2(qAbs(echo - 200) <= 20, qPrintable(u"%1/%2"_s.arg(echo).arg(hello)));
    }
}

void tst_Article::workersStartRoundRobinApart()
{
    // Two workers, two keep-alive clients, each pinned to the endpoint of its first request.
    // Whether the kernel hands both connections to one worker (which then alternates) or one
    // to each, the two must land on different endpoints: the workers' round robins do not all
    // start at the first endpoint. Several fresh engines, since the kernel's choice varies.
    for (int trial = 0; trial < 6; ++trial) {
        QVERIFY(start(2, config()));
        const quint16 port = m_proxyPort;
        const QList<QByteArray> bodies = offThread([port] {
            QList<QByteArray> out;
            TestClient a;
            TestClient b;
            a.connectTo(port);
            b.connectTo(port);
            for (int i = 0; i < 3; ++i) {
                a.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                out << a.read().body.left(5);
                b.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                out << b.read().body.left(5);
            }
            return out;
        });
        QCOMPARE(bodies.size(), 6);
        for (int i = 2; i < 6; ++i)
            QCOMPARE(bodies[i], bodies[i % 2]); // pinned
        QVERIFY2(bodies[0] != bodies[1], qPrintable(u"trial %1: both on %2"_s.arg(trial).arg(
                                             QString::fromLatin1(bodies[0]))));
        m_engine->stop();
        m_engine.reset();
    }
}

void tst_Article::stickyCookieIssuedAndHonoured()
{
    QVERIFY(start(2, config()));
    const quint16 port = m_proxyPort;
    const Reply first = offThread([port] { return TestClient::get(port, "/"); });
    QCOMPARE(first.status, 200);
    const QByteArray setCookie = first.header("set-cookie");
    const QRegularExpression format(
        uR"(^_srv_id=(\d+); path=/; expires=\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT; max-age=3600$)"_s);
    QVERIFY2(format.match(QString::fromLatin1(setCookie)).hasMatch(), setCookie.constData());

    // The cookie a Linux FGW issues for the hello endpoint pins it, on fresh connections and
    // whichever worker accepts them; no new cookie is issued.
    const std::string helloKey = "127.0.0.1:" + std::to_string(m_hello->port());
    const QByteArray linuxValue
        = QByteArray::number(fgwStickyValue(helloKey, StdHashFamily::LibStdCxx));
    const QByteArray macValue = QByteArray::number(fgwStickyValue(helloKey, StdHashFamily::LibCxx));
    for (const QByteArray &value : {linuxValue, macValue}) {
        const QByteArray cookie = "Cookie: other=1; _srv_id=" + value + "\r\n";
        const QList<Reply> replies = offThread([port, cookie] {
            QList<Reply> out;
            for (int i = 0; i < 20; ++i)
                out << TestClient::get(port, "/", cookie);
            return out;
        });
        for (const Reply &r : replies) {
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, "Hello, there");
            QVERIFY(r.header("set-cookie").isEmpty());
        }
    }
    // The cookie wins over keep-alive pinning: one connection, alternating cookies.
    const QByteArray echoValue = QByteArray::number(
        fgwStickyValue("127.0.0.1:" + std::to_string(m_echo->port()), StdHashFamily::LibStdCxx));
    const QList<Reply> pinned = offThread([port, linuxValue, echoValue] {
        QList<Reply> out;
        TestClient c;
        c.connectTo(port);
        for (int i = 0; i < 6; ++i) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nCookie: _srv_id="
                   + (i % 2 ? linuxValue : echoValue) + "\r\n\r\n");
            out << c.read();
        }
        return out;
    });
    for (int i = 0; i < pinned.size(); ++i)
        QCOMPARE(pinned[i].body.startsWith("Hello"), bool(i % 2));
}

void tst_Article::fgwCookieValuesPin8082()
{
    // The article's untouched config: the values FGW issues (Linux) and the README's value
    // (macOS) both name 127.0.0.1:8082.
    const auto parsed = JsonDocument::parse(articleConfig());
    QVERIFY(parsed.ok());
    const CompiledConfig::Result compiled = CompiledConfig::compile(*parsed.document, u"/"_s);
    QVERIFY(compiled.config);
    const CompiledService &svc = compiled.config->services.front();
    QVERIFY(svc.sticky);
    QCOMPARE(svc.endpoints[1].key, u"127.0.0.1:8082"_s);
    QCOMPARE(svc.sticky->endpointForCookieHeader("_srv_id=8153145845723989"), 1);
    QCOMPARE(svc.sticky->endpointForCookieHeader("_srv_id=3021372512864600"), 1);
    QCOMPARE(svc.sticky->valueFor(1), "8153145845723989");
}

void tst_Article::staticSite()
{
    QVERIFY(start(2, config()));
    QFile outside(QFileInfo(m_root->path()).absolutePath() + u"/passwd"_s);
    const quint16 port = m_staticPort;
    const QList<Reply> replies = offThread([port] {
        QList<Reply> out;
        out << TestClient::get(port, "/") << TestClient::get(port, "/index.html")
            << TestClient::get(port, "/nope.html");
        for (const char *attack : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                                   "/..%2f..%2f..%2fetc%2fpasswd", "/a/..\\..\\..\\etc\\passwd",
                                   "/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/index.html%00.txt"})
            out << TestClient::get(port, attack);
        return out;
    });
    QCOMPARE(replies[0].status, 200);
    QCOMPARE(replies[0].body, DemoBackend::articleIndexHtml());
    QVERIFY(replies[0].header("content-type").startsWith("text/html"));
    QCOMPARE(replies[1].body, DemoBackend::articleIndexHtml());
    QCOMPARE(replies[2].status, 404);
    for (int i = 3; i < replies.size(); ++i) {
        QVERIFY2(replies[i].status == 400 || replies[i].status == 404,
                 qPrintable(QString::number(replies[i].status)));
        QVERIFY(!replies[i].body.contains("root:"));
    }
}

void tst_Article::killAndRestartBackend()
{
    QVERIFY(start(2, config()));
    QSignalSpy transitions(m_engine.get(), &EngineController::healthChanged);
    const quint16 helloPort = m_hello->port();
    QVERIFY(spread(20).second >= 5);

    m_hello->stop();
    // Every request is answered by the echo backend: refused connections are retried on the
    // healthy endpoint, then the dead one is marked down and skipped.
    const auto [echo, hello] = spread(60);
    QCOMPARE(echo, 60);
    QCOMPARE(hello, 0);
    auto downLine = [&] {
        for (const QList<QVariant> &t : transitions) {
            if (!t.at(2).toBool())
                return t.at(3).toString();
        }
        return QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!downLine().isEmpty(), 10000);
    const QString line = downLine();
    QVERIFY2(line.contains(u"-> unhealthy"_s) && line.contains(QString::number(helloPort)),
             qPrintable(line));

    // Restart: traffic returns once a probe succeeds (Interval 2 s).
    QVERIFY(m_hello->start(helloPort));
    QTRY_VERIFY_WITH_TIMEOUT(transitions.size() >= 2 && transitions.last().at(2).toBool(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(spread(4).second >= 1, 5000);
}

QTEST_GUILESS_MAIN(tst_Article)
#include "tst_article.moc"
