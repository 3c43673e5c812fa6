#include "requestexport.h"

#include "requestlogmodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace Gatehouse::Ui {

namespace {

QJsonArray headerArray(const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QJsonArray out;
    for (const auto &[name, value] : headers)
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(name)},
                               {QStringLiteral("value"), QString::fromUtf8(value)}});
    return out;
}

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

// Headers curl sets itself or that describe the old connection.
bool skipForCurl(const QByteArray &name)
{
    const QByteArray n = name.toLower();
    return n == "host" || n == "content-length" || n == "connection" || n == "transfer-encoding";
}

QString urlOf(const RequestLogModel &log, const RequestRow &row, const QString &listenHost)
{
    QString host = log.pool().string(row.host);
    if (host.isEmpty())
        host = QStringLiteral("%1:%2").arg(listenHost).arg(row.listenerPort);
    return QStringLiteral("http://%1%2").arg(host, QString::fromUtf8(row.path));
}

} // namespace

QByteArray RequestExport::har(const RequestLogModel &log, const QList<int> &rows)
{
    QJsonArray entries;
    for (int index : rows) {
        const RequestRow &r = log.row(index);
        const QString version = r.httpVersion == 10 ? QStringLiteral("HTTP/1.0") : QStringLiteral("HTTP/1.1");
        const QString url = urlOf(log, r, QStringLiteral("127.0.0.1"));
        QJsonArray query;
        const qsizetype q = r.path.indexOf('?');
        if (q >= 0) {
            const QUrlQuery parsed(QString::fromUtf8(r.path.mid(q + 1)));
            for (const auto &[name, value] : parsed.queryItems(QUrl::FullyDecoded))
                query.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
        }
        // HAR times are milliseconds; -1 means "does not apply".
        const double connect = r.connectUs ? (r.connectUs - r.headUs) / 1000.0 : -1;
        const double wait = r.firstByteUs ? (r.firstByteUs - qMax(r.connectUs, r.headUs)) / 1000.0 : 0;
        const double receive = r.firstByteUs ? (r.durationUs - r.firstByteUs) / 1000.0 : r.durationUs / 1000.0;
        QJsonObject entry{
            {QStringLiteral("startedDateTime"), QDateTime::fromMSecsSinceEpoch(r.startMs, Qt::UTC).toString(Qt::ISODateWithMs)},
            {QStringLiteral("time"), r.durationUs / 1000.0},
            {QStringLiteral("request"), QJsonObject{
                 {QStringLiteral("method"), log.pool().string(r.method)},
                 {QStringLiteral("url"), url},
                 {QStringLiteral("httpVersion"), version},
                 {QStringLiteral("cookies"), QJsonArray()},
                 {QStringLiteral("headers"), r.detail ? headerArray(r.detail->requestHeaders) : QJsonArray()},
                 {QStringLiteral("queryString"), query},
                 {QStringLiteral("headersSize"), -1},
                 {QStringLiteral("bodySize"), qint64(r.bytesIn)}}},
            {QStringLiteral("response"), QJsonObject{
                 {QStringLiteral("status"), r.status},
                 {QStringLiteral("statusText"), r.detail ? QString::fromUtf8(r.detail->statusLine).section(u' ', 2) : QString()},
                 {QStringLiteral("httpVersion"), version},
                 {QStringLiteral("cookies"), QJsonArray()},
                 {QStringLiteral("headers"), r.detail ? headerArray(r.detail->responseHeaders) : QJsonArray()},
                 {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), qint64(r.bytesOut)},
                                                         {QStringLiteral("mimeType"), log.pool().string(r.contentType)}}},
                 {QStringLiteral("redirectURL"), QString()},
                 {QStringLiteral("headersSize"), -1},
                 {QStringLiteral("bodySize"), qint64(r.bytesOut)}}},
            {QStringLiteral("cache"), QJsonObject()},
            {QStringLiteral("timings"), QJsonObject{
                 {QStringLiteral("blocked"), r.headUs / 1000.0},
                 {QStringLiteral("dns"), -1},
                 {QStringLiteral("connect"), connect},
                 {QStringLiteral("send"), 0},
                 {QStringLiteral("wait"), qMax(0.0, wait)},
                 {QStringLiteral("receive"), qMax(0.0, receive)},
                 {QStringLiteral("ssl"), -1}}},
            // Custom fields start with an underscore (HAR 1.2).
            {QStringLiteral("_listener"), r.listenerPort},
            {QStringLiteral("_client"), log.pool().string(r.client)},
            {QStringLiteral("_route"), log.pool().string(r.route)},
            {QStringLiteral("_service"), log.pool().string(r.service)},
            {QStringLiteral("_endpoint"), log.pool().string(r.endpoint)},
            {QStringLiteral("_error"), log.pool().string(r.error)}};
        if (r.endpoint)
            entry.insert(QStringLiteral("serverIPAddress"), log.pool().string(r.endpoint).section(u':', 0, 0));
        entries.append(entry);
    }
    const QJsonObject root{{QStringLiteral("log"), QJsonObject{
        {QStringLiteral("version"), QStringLiteral("1.2")},
        {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Gatehouse")},
                                                {QStringLiteral("version"), QCoreApplication::applicationVersion()}}},
        {QStringLiteral("pages"), QJsonArray()},
        {QStringLiteral("entries"), entries}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray RequestExport::csv(const RequestLogModel &log, const QList<int> &rows)
{
    QStringList lines;
    QStringList header;
    for (int c = 0; c < RequestLogModel::ColumnCount; ++c)
        header << csvField(RequestLogModel::columnName(c));
    // Machine-friendly extras: exact numbers rather than the display forms.
    header << QStringLiteral("start_ms") << QStringLiteral("duration_us") << QStringLiteral("bytes_in")
           << QStringLiteral("bytes_out");
    lines << header.join(u',');
    for (int index : rows) {
        const RequestRow &r = log.row(index);
        QStringList fields;
        for (int c = 0; c < RequestLogModel::ColumnCount; ++c)
            fields << csvField(log.text(r, c));
        fields << QString::number(r.startMs) << QString::number(r.durationUs)
               << QString::number(r.bytesIn) << QString::number(r.bytesOut);
        lines << fields.join(u',');
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

QString RequestExport::curl(const RequestLogModel &log, const RequestRow &row, const QString &listenHost)
{
    QStringList parts{QStringLiteral("curl")};
    const QString method = log.pool().string(row.method);
    if (method == QLatin1String("HEAD"))
        parts << QStringLiteral("-I");
    else if (!method.isEmpty() && method != QLatin1String("GET"))
        parts << QStringLiteral("-X") << method;
    // Connect to the listener that served it, keeping the Host the client sent.
    const QString host = log.pool().string(row.host);
    const QString target = QStringLiteral("%1:%2").arg(listenHost).arg(row.listenerPort);
    parts << shellQuote(QStringLiteral("http://%1%2").arg(target, QString::fromUtf8(row.path)));
    if (!host.isEmpty() && host != target)
        parts << QStringLiteral("-H") << shellQuote(QStringLiteral("Host: %1").arg(host));
    if (row.detail) {
        for (const auto &[name, value] : row.detail->requestHeaders) {
            if (!skipForCurl(name))
                parts << QStringLiteral("-H") << shellQuote(QStringLiteral("%1: %2").arg(QString::fromUtf8(name), QString::fromUtf8(value)));
        }
    }
    return parts.join(u' ');
}

} // namespace Gatehouse::Ui
