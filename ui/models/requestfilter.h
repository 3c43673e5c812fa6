#pragma once

#include "requestrow.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Gatehouse::Ui {

class StringPool;

// The request log's filter language, Wireshark-style but small:
//   status:5xx  status:404|502  host:api.*  path:/v1/*  method:POST  service:backendService1
//   endpoint:127.0.0.1:8082  route:*  client:10.0.*  listener:8000  error:*  error:refused
//   dur>200ms  dur<=1s  in>1k  out>=1m  -host:*.internal (a leading '-' negates)  word
// Terms are ANDed; `|` separates alternatives inside a value. `name:glob` matches the whole
// value case-insensitively with * and ?; a bare word is a substring of host or path. Compiled
// once (glob -> regex); evaluating a row allocates only for path terms. GUI thread.
class RequestFilter
{
public:
    struct ParseError
    {
        int position = 0; // character offset in the filter text
        int length = 0;
        QString message;
    };

    // Parses the filter; on error, says where and why (for the bar's tint and tooltip).
    static std::optional<RequestFilter> parse(const QString &text, ParseError *error = nullptr);
    // The field names the language knows (for completion).
    static QStringList fieldNames();

    bool isEmpty() const { return m_terms.empty(); }
    bool matches(const RequestRow &row, const StringPool &pool) const;

private:
    enum class Field : quint8 { Status, Host, Path, Method, Service, Endpoint, Route, Client, Listener, Error, Duration, BytesIn, BytesOut, Any };
    enum class Op : quint8 { Match, Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual };
    struct StatusRange { int low; int high; };
    struct Term
    {
        Field field = Field::Any;
        Op op = Op::Match;
        bool negate = false;
        QList<QRegularExpression> patterns; // Match on text fields
        QList<StatusRange> statuses;         // Match on status
        double number = 0;                   // comparisons (us for durations, bytes for sizes)
        QString word;                        // Any
    };
    bool termMatches(const Term &term, const RequestRow &row, const StringPool &pool) const;

    std::vector<Term> m_terms;
};

} // namespace Gatehouse::Ui
