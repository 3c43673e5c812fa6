#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace Gatehouse::Core {

// One HTTP/1.1 request as RepoServer sees it. Header names are lower-case; `path` is the
// percent-decoded path (Pipy decodes before matching, reference §3.3). A plain value.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as sent, e.g. "/repo/local/fgw/?x"
    QString path;      // decoded, without the query
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        for (const auto &h : headers) {
            if (h.first == lowerCaseName)
                return h.second;
        }
        return {};
    }
};

// What RepoServer answers. `headers` are sent as given (lower-case, the way Pipy writes them);
// content-length is added by the connection; HEAD answers drop the body but keep its length.
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(qMakePair(name, value));
    }

    static HttpResponse text(int status, const QByteArray &body)
    {
        HttpResponse r;
        r.status = status;
        r.body = body;
        if (!body.isEmpty())
            r.addHeader("content-type", "text/plain");
        return r;
    }
    static HttpResponse json(int status, const QByteArray &body)
    {
        HttpResponse r;
        r.status = status;
        r.body = body;
        r.addHeader("content-type", "application/json");
        return r;
    }
};

} // namespace Gatehouse::Core
