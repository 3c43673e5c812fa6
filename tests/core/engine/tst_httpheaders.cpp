#include "engine/httpheaders.h"
#include "engine/iobuffer.h"

#include <QTest>

using namespace Gatehouse::Core;

class tst_HttpHeaders : public QObject
{
    Q_OBJECT

private slots:
    void classify_data();
    void classify();
    void connectionTokensAreHopByHop();
    void ioBufferAppendConsumeGrow();
    void ioBufferNumbers();
    void ioBufferReturnsStorage();
};

void tst_HttpHeaders::classify_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<int>("id");
    QTest::addColumn<bool>("hopByHop");
    QTest::newRow("Host") << QByteArray("Host") << int(HeaderId::Host) << false;
    QTest::newRow("HOST") << QByteArray("HOST") << int(HeaderId::Host) << false;
    QTest::newRow("connection") << QByteArray("connection") << int(HeaderId::Connection) << true;
    QTest::newRow("Keep-Alive") << QByteArray("Keep-Alive") << int(HeaderId::KeepAlive) << true;
    QTest::newRow("Proxy-Connection")
        << QByteArray("Proxy-Connection") << int(HeaderId::ProxyConnection) << true;
    QTest::newRow("TE") << QByteArray("TE") << int(HeaderId::Te) << true;
    QTest::newRow("Trailer") << QByteArray("Trailer") << int(HeaderId::Trailer) << true;
    QTest::newRow("Transfer-Encoding")
        << QByteArray("Transfer-Encoding") << int(HeaderId::TransferEncoding) << true;
    QTest::newRow("Upgrade") << QByteArray("Upgrade") << int(HeaderId::Upgrade) << true;
    QTest::newRow("Content-Length")
        << QByteArray("content-length") << int(HeaderId::ContentLength) << false;
    QTest::newRow("Cookie") << QByteArray("Cookie") << int(HeaderId::Cookie) << false;
    QTest::newRow("X-Forwarded-For")
        << QByteArray("X-Forwarded-For") << int(HeaderId::XForwardedFor) << false;
    QTest::newRow("Expect") << QByteArray("Expect") << int(HeaderId::Expect) << false;
    QTest::newRow("Set-Cookie") << QByteArray("Set-Cookie") << int(HeaderId::SetCookie) << false;
    QTest::newRow("Hostx") << QByteArray("Hostx") << int(HeaderId::Other) << false;
    QTest::newRow("empty") << QByteArray() << int(HeaderId::Other) << false;
}

void tst_HttpHeaders::classify()
{
    QFETCH(QByteArray, name);
    QFETCH(int, id);
    QFETCH(bool, hopByHop);
    QCOMPARE(int(HttpHeaders::classify(name)), id);
    QCOMPARE(HttpHeaders::isHopByHop(HttpHeaders::classify(name)), hopByHop);
}

void tst_HttpHeaders::connectionTokensAreHopByHop()
{
    const QByteArray head
        = "Connection: close, X-Secret ,keep-alive\r\nX-Secret: 1\r\nX-Kept: 2\r\n";
    HttpHeaders headers;
    auto add = [&](const char *name, const char *value) {
        HeaderSpan h;
        h.nameOffset = uint32_t(head.indexOf(name));
        h.nameLength = uint32_t(qstrlen(name));
        h.valueOffset = uint32_t(head.indexOf(value, h.nameOffset));
        h.valueLength = uint32_t(qstrlen(value));
        h.id = HttpHeaders::classify(QByteArrayView(name));
        h.hopByHop = HttpHeaders::isHopByHop(h.id);
        headers.spans().push_back(h);
    };
    add("Connection", "close, X-Secret ,keep-alive");
    add("X-Secret", "1");
    add("X-Kept", "2");
    headers.markConnectionTokens(head.constData());
    QVERIFY(headers.spans()[0].hopByHop);
    QVERIFY(headers.spans()[1].hopByHop);
    QVERIFY(!headers.spans()[2].hopByHop);
    QCOMPARE(HttpHeaders::trimmed(" \t a b \t"), QByteArrayView("a b"));
}

void tst_HttpHeaders::ioBufferAppendConsumeGrow()
{
    IoBuffer b;
    QVERIFY(b.isEmpty());
    QVERIFY(!b.hasStorage());
    b.append(QByteArrayView("hello "));
    b.append(QByteArrayView("world"));
    QCOMPARE(b.view(), QByteArrayView("hello world"));
    b.consume(6);
    QCOMPARE(b.view(), QByteArrayView("world"));
    // Grows past one block while keeping the unconsumed bytes.
    const QByteArray big(100000, 'x');
    b.append(big);
    QCOMPARE(b.size(), size_t(5 + big.size()));
    QCOMPARE(b.view().first(5), QByteArrayView("world"));
    b.consume(b.size());
    QVERIFY(b.isEmpty());
    char *p = b.reserveBack(10);
    memcpy(p, "0123456789", 10);
    b.commit(4);
    QCOMPARE(b.view(), QByteArrayView("0123"));
}

void tst_HttpHeaders::ioBufferNumbers()
{
    IoBuffer b;
    b.appendNumber(0);
    b.append(' ');
    b.appendNumber(18446744073709551615ULL);
    b.append(' ');
    b.appendHex(0);
    b.append(' ');
    b.appendHex(0xabc123);
    QCOMPARE(b.view(), QByteArrayView("0 18446744073709551615 0 abc123"));
}

void tst_HttpHeaders::ioBufferReturnsStorage()
{
    IoBuffer a;
    a.append(QByteArrayView("x"));
    const char *block = a.data();
    a.consume(1);
    a.releaseIfEmpty();
    QVERIFY(!a.hasStorage());
    // The next buffer on this thread reuses the block: no allocation per request.
    IoBuffer b;
    b.append(QByteArrayView("y"));
    QCOMPARE(static_cast<const void *>(b.data()), static_cast<const void *>(block));
}

QTEST_GUILESS_MAIN(tst_HttpHeaders)
#include "tst_httpheaders.moc"
