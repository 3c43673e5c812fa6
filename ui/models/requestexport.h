#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Gatehouse::Ui {

class RequestLogModel;
struct RequestRow;

// Turns request log rows into the formats people take elsewhere: HAR 1.2 (browsers' dev tools,
// HTTP Toolkit, Charles), CSV (RFC 4180, spreadsheets) and a curl command line.
class RequestExport
{
public:
    static QByteArray har(const RequestLogModel &log, const QList<int> &rows);
    static QByteArray csv(const RequestLogModel &log, const QList<int> &rows);
    // A command that sends the same request (method, URL, the kept request headers) to the
    // same listener; `listenHost` is where the listener can be reached.
    static QString curl(const RequestLogModel &log, const RequestRow &row,
                        const QString &listenHost = QStringLiteral("127.0.0.1"));
};

} // namespace Gatehouse::Ui
