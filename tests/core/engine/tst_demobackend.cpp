#include "engine/demobackend.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Gatehouse::Core;

namespace {

// Reads `count` complete responses (by content-length) from `socket`, spinning the event loop
// so the backend (same thread) can answer. Returns them concatenated, or what arrived by the
// deadline.
QByteArray readResponses(QTcpSocket &socket, int count, bool head = false)
{
    QByteArray data;
    QDeadlineTimer deadline(5000);
    int complete = 0;
    while (!deadline.hasExpired()) {
        data += socket.readAll();
        complete = 0;
        qsizetype pos = 0;
        for (;;) {
            const qsizetype end = data.indexOf("\r\n\r\n", pos);
            if (end < 0)
                break;
            const QByteArray headText = data.mid(pos, end - pos).toLower();
            const qsizetype cl = headText.indexOf("content-length: ");
            const qsizetype length
                = head || cl < 0 ? 0 : headText.mid(cl + 16).split('\r').value(0).toLongLong();
            if (data.size() < end + 4 + length)
                break;
            pos = end + 4 + length;
            ++complete;
        }
        if (complete >= count)
            return data;
        QTest::qWait(5);
    }
    return data;
}

QByteArray bodyOf(const QByteArray &response)
{
    return response.mid(response.indexOf("\r\n\r\n") + 4);
}

} // namespace

class tst_DemoBackend : public QObject
{
    Q_OBJECT

private slots:
    void echo();
    void hello();
    void keepAliveAndPipelining();
    void headAndBody();
    void statusOverride();
    void connectionClose();
    void stopAndRestart();
    void portInUse();
    void articleIndex();
};

void tst_DemoBackend::echo()
{
    DemoBackend backend(DemoBackend::Behaviour::EchoRequest);
    QVERIFY(backend.start());
    QVERIFY(backend.port() != 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, backend.port());
    QVERIFY(client.waitForConnected(5000));
    client.write("GET /a/b?x=1 HTTP/1.1\r\nHost: localhost:8000\r\n\r\n");
    const QByteArray r = readResponses(client, 1);
    QVERIFY2(r.startsWith("HTTP/1.1 200 OK\r\n"), r.constData());
    QCOMPARE(bodyOf(r), QByteArray("You are requesting localhost:8000/a/b?x=1"));
    QVERIFY(r.contains("connection: keep-alive"));
}

void tst_DemoBackend::hello()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, backend.port());
    QVERIFY(client.waitForConnected(5000));
    client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const QByteArray r = readResponses(client, 1);
    QCOMPARE(r, QByteArray("HTTP/1.1 200 OK\r\ncontent-length: 12\r\nconnection: "
                           "keep-alive\r\n\r\nHello, there"));
}

void tst_DemoBackend::keepAliveAndPipelining()
{
    DemoBackend backend(DemoBackend::Behaviour::EchoRequest);
    QVERIFY(backend.start());
    QSignalSpy served(&backend, &DemoBackend::requestServed);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, backend.port());
    QVERIFY(client.waitForConnected(5000));
    client.write("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
    client.write("GET /3 HTTP/1.1\r\nHost: h\r\n\r\n");
    const QByteArray r = readResponses(client, 3);
    QCOMPARE(r.count("HTTP/1.1 200 OK"), 3);
    QVERIFY(r.indexOf("requesting h/1") < r.indexOf("requesting h/2"));
    QVERIFY(r.indexOf("requesting h/2") < r.indexOf("requesting h/3"));
    QCOMPARE(served.size(), 3);
    QCOMPARE(backend.connectionCount(), quint64(1));
    QCOMPARE(backend.requestCount(), quint64(3));
}

void tst_DemoBackend::headAndBody()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, backend.port());
    QVERIFY(client.waitForConnected(5000));
    client.write("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n");
    QByteArray r = readResponses(client, 1, true);
    QVERIFY(r.contains("content-length: 12\r\n"));
    QVERIFY(r.endsWith("\r\n\r\n"));
    // a request body is skipped, the next request still parses, even split across writes
    client.write("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n01234");
    client.flush();
    QTest::qWait(20);
    client.write("56789GET /q HTTP/1.1\r\nHost: h\r\n\r\n");
    r = readResponses(client, 2);
    QCOMPARE(r.count("Hello, there"), 2);
    QCOMPARE(backend.requestCount(), quint64(3));
}

void tst_DemoBackend::statusOverride()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    backend.setStatusCode(500);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, backend.port());
    QVERIFY(client.waitForConnected(5000));
    client.write("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(readResponses(client, 1).startsWith("HTTP/1.1 500 Internal Server Error\r\n"));
}

void tst_DemoBackend::connectionClose()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, backend.port());
    QVERIFY(client.waitForConnected(5000));
    client.write("GET / HTTP/1.0\r\n\r\n");
    QVERIFY(readResponses(client, 1).contains("connection: close"));
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
}

void tst_DemoBackend::stopAndRestart()
{
    DemoBackend backend(DemoBackend::Behaviour::Hello);
    QVERIFY(backend.start());
    const quint16 port = backend.port();
    QTcpSocket kept;
    kept.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(kept.waitForConnected(5000));
    kept.write("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(readResponses(kept, 1).endsWith("Hello, there"));

    backend.stop();
    QVERIFY(!backend.isRunning());
    // keep-alive clients lose their connection, new ones are refused
    QTRY_COMPARE(kept.state(), QAbstractSocket::UnconnectedState);
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!refused.waitForConnected(5000));
    QCOMPARE(refused.error(), QAbstractSocket::ConnectionRefusedError);

    QVERIFY2(backend.start(port), qPrintable(backend.errorString()));
    QCOMPARE(backend.port(), port);
    QTcpSocket again;
    again.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(again.waitForConnected(5000));
    again.write("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(readResponses(again, 1).endsWith("Hello, there"));
}

void tst_DemoBackend::portInUse()
{
    DemoBackend a(DemoBackend::Behaviour::Hello);
    QVERIFY(a.start());
    DemoBackend b(DemoBackend::Behaviour::Hello);
    QVERIFY(!b.start(a.port()));
    QVERIFY(!b.errorString().isEmpty());
    QVERIFY(!b.isRunning());
}

void tst_DemoBackend::articleIndex()
{
    const QByteArray html = DemoBackend::articleIndexHtml();
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QVERIFY(html.contains("<h1>hello</h1>\n<p>www1</p>"));
}

QTEST_GUILESS_MAIN(tst_DemoBackend)
#include "tst_demobackend.moc"
