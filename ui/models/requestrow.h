#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace Gatehouse::Ui {

// Request and response headers of one request, kept only for the newest rows (they cost far
// more than a row).
struct RequestDetail
{
    QList<std::pair<QByteArray, QByteArray>> requestHeaders;
    QList<std::pair<QByteArray, QByteArray>> responseHeaders;
    bool requestTruncated = false; // the head was longer than the 4 KiB kept
    bool responseTruncated = false;
    QByteArray requestLine; // "GET /path HTTP/1.1"
    QByteArray statusLine;  // "HTTP/1.1 200 OK"

    // Splits a raw head (start line, header lines, optional blank line) into the above.
    static void parseHead(const QByteArray &raw, QByteArray *startLine,
                          QList<std::pair<QByteArray, QByteArray>> *headers)
    {
        const QList<QByteArray> lines = raw.split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QByteArray line = lines[i];
            if (line.endsWith('\r'))
                line.chop(1);
            if (i == 0) {
                *startLine = line;
                continue;
            }
            if (line.isEmpty())
                continue;
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                headers->append({line, QByteArray()}); // cut by the 4 KiB limit
            else
                headers->append({line.left(colon), line.mid(colon + 1).trimmed()});
        }
    }
};

// One request as the request log keeps it: small (the log holds 100,000 of these within a
// budget of 300 bytes each), strings that repeat (hosts, services, endpoints, methods...) as
// ids into the log's string pool. Times are microseconds from the accept of the connection.
struct RequestRow
{
    qint64 startMs = 0;       // wall clock of the request's first byte, ms since the epoch
    quint32 durationUs = 0;   // to the last byte of the response
    quint32 headUs = 0;       // request head parsed
    quint32 connectUs = 0;    // upstream connected (0: reused connection or no upstream)
    quint32 firstByteUs = 0;  // first upstream response byte
    quint64 bytesIn = 0;      // request bytes from the client
    quint64 bytesOut = 0;     // response bytes to the client
    quint16 status = 0;       // 0: no response (connection lost)
    quint16 listenerPort = 0;
    quint8 httpVersion = 11;  // 10, 11
    quint32 client = 0;       // pool ids; 0 is the empty string
    quint32 method = 0;
    quint32 host = 0;
    quint32 route = 0;
    quint32 service = 0;
    quint32 endpoint = 0;
    quint32 error = 0;
    quint32 contentType = 0;
    quint32 routeOffset = 0;  // byte offset of the matching rule in the config text (jump to it)
    quint32 configGeneration = 0; // of the config that handled it (routeOffset is in its text)
    QByteArray path;          // with the query
    std::shared_ptr<const RequestDetail> detail; // null unless among the newest rows
};

} // namespace Gatehouse::Ui
