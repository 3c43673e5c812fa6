#include "healthchecker.h"

#include "util/crossthread.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <climits>

namespace Gatehouse::Core {

namespace {

constexpr qsizetype s_maxHead = 64 * 1024;
constexpr qsizetype s_maxBodyKept = 64 * 1024; // enough for a Body substring rule

} // namespace

// Carries transitions from any thread to the health thread. Shared by the table's observer
// and the checker; the queued call is dropped if the relay is gone.
struct HealthChecker::Relay : QObject
{
    std::function<void(const HealthTransition &)> handler;
};

struct HealthChecker::Prober
{
    int target = -1;
    QTimer *tick = nullptr;
    QTcpSocket *socket = nullptr;
    bool http = false;
    bool inFlight = false;
    bool reused = false;  // this probe's request went out on a kept-alive connection
    bool retried = false; // already retried on a fresh connection
    QElapsedTimer started;

    // response being read
    enum class Phase : quint8 {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        UntilClose
    };
    Phase phase = Phase::Head;
    QByteArray buffer;
    int status = 0;
    bool keepAlive = true;
    bool gotBytes = false;
    qint64 remaining = 0;
    QByteArray body;                                  // first s_maxBodyKept bytes
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased

    void resetResponse()
    {
        phase = Phase::Head;
        buffer.clear();
        status = 0;
        keepAlive = true;
        gotBytes = false;
        remaining = 0;
        body.clear();
        headers.clear();
    }
    void keepBody(const QByteArray &bytes)
    {
        if (body.size() < s_maxBodyKept)
            body += bytes.left(s_maxBodyKept - body.size());
    }

    // Consumes `buffer`; returns 1 when the response is complete, 0 when more is needed,
    // -1 when it is not HTTP/1.x.
    int parse(bool eof)
    {
        for (;;) {
            switch (phase) {
            case Phase::Head: {
                const qsizetype end = buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return buffer.size() > s_maxHead || (eof && !buffer.isEmpty()) ? -1 : 0;
                const QList<QByteArray> lines = buffer.left(end).split('\n');
                buffer.remove(0, end + 4);
                const QByteArray statusLine = lines.value(0).trimmed();
                if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12)
                    return -1;
                bool ok = false;
                status = statusLine.mid(9, 3).toInt(&ok);
                if (!ok || status < 100)
                    return -1;
                headers.clear();
                qint64 contentLength = -1;
                bool chunked = false;
                keepAlive = statusLine.startsWith("HTTP/1.1");
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon <= 0)
                        continue;
                    const QByteArray name = lines[i].left(colon).trimmed().toLower();
                    const QByteArray value = lines[i].mid(colon + 1).trimmed();
                    headers.append({name, value});
                    if (name == "content-length")
                        contentLength = value.toLongLong();
                    else if (name == "transfer-encoding")
                        chunked = value.toLower().contains("chunked");
                    else if (name == "connection")
                        keepAlive = value.toLower().contains("close")
                                        ? false
                                        : (keepAlive || value.toLower().contains("keep-alive"));
                }
                if (status < 200)
                    continue; // 1xx: the real response follows
                if (status == 204 || status == 304)
                    return 1;
                if (chunked) {
                    phase = Phase::ChunkSize;
                } else if (contentLength >= 0) {
                    phase = Phase::Body;
                    remaining = contentLength;
                } else {
                    phase = Phase::UntilClose;
                    keepAlive = false;
                }
                break;
            }
            case Phase::Body: {
                const qint64 n = qMin<qint64>(remaining, buffer.size());
                keepBody(buffer.left(n));
                buffer.remove(0, n);
                remaining -= n;
                if (remaining == 0)
                    return 1;
                return eof ? -1 : 0;
            }
            case Phase::ChunkSize: {
                const qsizetype eol = buffer.indexOf("\r\n");
                if (eol < 0)
                    return eof ? -1 : 0;
                bool ok = false;
                const QByteArray sizeText = buffer.left(eol).split(';').value(0).trimmed();
                remaining = sizeText.toLongLong(&ok, 16);
                buffer.remove(0, eol + 2);
                if (!ok || remaining < 0)
                    return -1;
                phase = remaining == 0 ? Phase::Trailer : Phase::ChunkData;
                break;
            }
            case Phase::ChunkData: {
                const qint64 n = qMin<qint64>(remaining, buffer.size());
                keepBody(buffer.left(n));
                buffer.remove(0, n);
                remaining -= n;
                if (remaining > 0)
                    return eof ? -1 : 0;
                phase = Phase::ChunkDataEnd;
                break;
            }
            case Phase::ChunkDataEnd:
                if (buffer.size() < 2)
                    return eof ? -1 : 0;
                buffer.remove(0, 2);
                phase = Phase::ChunkSize;
                break;
            case Phase::Trailer: {
                const qsizetype eol = buffer.indexOf("\r\n");
                if (eol < 0)
                    return eof ? -1 : 0;
                buffer.remove(0, eol + 2);
                if (eol == 0)
                    return 1;
                break;
            }
            case Phase::UntilClose:
                keepBody(buffer);
                buffer.clear();
                return eof ? 1 : 0;
            }
        }
    }
};

HealthChecker::HealthChecker(QObject *parent)
    : QObject(parent)
{}

HealthChecker::~HealthChecker()
{
    setTable(nullptr);
}

void HealthChecker::setTable(std::shared_ptr<HealthTable> table)
{
    if (m_table)
        m_table->setObserver({});
    if (m_relay) {
        m_relay->handler = nullptr;
        m_relay.reset();
    }
    for (auto &p : m_probers) {
        if (!p)
            continue;
        closeSocket(*p);
        delete p->tick;
    }
    m_probers.clear();
    m_table = std::move(table);
    if (!m_table)
        return;

    // deleteLater: the last owner may be the table's observer, released on another thread.
    m_relay = std::shared_ptr<Relay>(new Relay, [](Relay *r) { r->deleteLater(); });
    m_relay->moveToThread(thread());
    m_relay->handler = [this](const HealthTransition &t) { onTransition(t); };
    m_table->setObserver([relay = m_relay](const HealthTransition &t) {
        invokeQueued(relay.get(), [r = relay.get(), t] {
            if (r->handler)
                r->handler(t);
        });
    });

    m_probers.resize(size_t(m_table->targetCount()));
    for (int i = 0; i < m_table->targetCount(); ++i) {
        const HealthTable::Target &t = m_table->target(i);
        if (!t.spec->enabled() || t.spec->intervalMs <= 0)
            continue;
        auto p = std::make_unique<Prober>();
        p->target = i;
        p->http = !t.spec->path.isEmpty();
        p->tick = new QTimer(this);
        p->tick->setInterval(int(qBound(qint64(1), t.spec->intervalMs, qint64(INT_MAX))));
        p->tick->setTimerType(t.spec->intervalMs < 2000 ? Qt::PreciseTimer : Qt::CoarseTimer);
        Prober *raw = p.get();
        connect(p->tick, &QTimer::timeout, this, [this, raw] { startProbe(*raw); });
        p->tick->start();
        QTimer::singleShot(0, p->tick, [this, raw] { startProbe(*raw); });
        m_probers[size_t(i)] = std::move(p);
    }
    // A target the previous config left unhealthy without active probes still cools down.
    for (int i = 0; i < m_table->targetCount(); ++i) {
        const HealthTable::Target &t = m_table->target(i);
        if (t.spec->intervalMs > 0 || t.spec->failTimeoutMs <= 0)
            continue;
        const qint64 since = m_table->unhealthySinceMs(i);
        if (since > 0) {
            HealthTransition tr;
            tr.target = i;
            tr.to = HealthState::Unhealthy;
            tr.atMs = since;
            onTransition(tr);
        }
    }
}

int HealthChecker::openConnections() const
{
    int n = 0;
    for (const auto &p : m_probers) {
        if (p && p->socket && p->socket->state() != QAbstractSocket::UnconnectedState)
            ++n;
    }
    return n;
}

void HealthChecker::startProbe(Prober &p)
{
    if (p.inFlight) {
        // The previous probe used up its time (the interval).
        closeSocket(p);
        ProbeResult r;
        r.reason = HealthReason::Timeout;
        r.latencyUs = p.started.nsecsElapsed() / 1000;
        finish(p, r, false);
    }
    p.inFlight = true;
    p.retried = false;
    p.started.start();
    p.resetResponse();
    const HealthTable::Target &t = m_table->target(p.target);
    if (t.port == 0) {
        ProbeResult r;
        r.reason = HealthReason::ConnectError;
        finish(p, r, false);
        return;
    }
    if (p.http && p.socket && p.socket->state() == QAbstractSocket::ConnectedState) {
        p.reused = true;
        sendRequest(p);
        return;
    }
    closeSocket(p);
    p.reused = false;
    p.socket = new QTcpSocket(this);
    QTcpSocket *s = p.socket;
    Prober *raw = &p;
    connect(s, &QTcpSocket::connected, this, [this, raw, s] {
        if (raw->socket == s)
            onConnected(*raw);
    });
    connect(s, &QTcpSocket::readyRead, this, [this, raw, s] {
        if (raw->socket == s)
            onReadyRead(*raw);
    });
    connect(s, &QTcpSocket::errorOccurred, this, [this, raw, s] {
        if (raw->socket == s)
            onSocketError(*raw);
    });
    s->connectToHost(t.host, t.port);
}

void HealthChecker::sendRequest(Prober &p)
{
    const HealthTable::Target &t = m_table->target(p.target);
    p.socket->write("GET " + t.spec->path + " HTTP/1.1\r\nHost: " + t.endpoint.toUtf8()
                    + "\r\nUser-Agent: Gatehouse-HealthCheck\r\nAccept: */*\r\n\r\n");
}

void HealthChecker::onConnected(Prober &p)
{
    if (!p.inFlight)
        return;
    if (!p.http) {
        ProbeResult r;
        r.reason = HealthReason::Ok;
        r.latencyUs = p.started.nsecsElapsed() / 1000;
        closeSocket(p);
        finish(p, r, false);
        return;
    }
    p.socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    sendRequest(p);
}

void HealthChecker::onReadyRead(Prober &p)
{
    const QByteArray data = p.socket->readAll();
    if (!p.inFlight) {
        closeSocket(p); // unsolicited bytes between probes: the connection is not reusable
        return;
    }
    p.gotBytes = p.gotBytes || !data.isEmpty();
    p.buffer += data;
    const int state = p.parse(false);
    if (state == 0)
        return;
    if (state < 0) {
        ProbeResult r;
        r.reason = HealthReason::BadResponse;
        r.latencyUs = p.started.nsecsElapsed() / 1000;
        closeSocket(p);
        finish(p, r, false);
        return;
    }
    ProbeResult r = judge(p);
    r.latencyUs = p.started.nsecsElapsed() / 1000;
    const bool keep = p.keepAlive && p.buffer.isEmpty();
    if (!keep)
        closeSocket(p);
    finish(p, r, keep);
}

void HealthChecker::onSocketError(Prober &p)
{
    const QAbstractSocket::SocketError error = p.socket->error();
    if (!p.inFlight) {
        closeSocket(p); // an idle keep-alive connection went away: reconnect next time
        return;
    }
    if (error == QAbstractSocket::RemoteHostClosedError && p.http) {
        p.buffer += p.socket->readAll();
        p.gotBytes = p.gotBytes || !p.buffer.isEmpty();
        const int state = p.parse(true);
        if (state == 1) {
            ProbeResult r = judge(p);
            r.latencyUs = p.started.nsecsElapsed() / 1000;
            closeSocket(p);
            finish(p, r, false);
            return;
        }
        if (p.reused && !p.gotBytes && !p.retried) {
            // The upstream closed the idle connection as we reused it: not its fault.
            closeSocket(p);
            p.inFlight = false;
            startProbe(p);
            p.retried = true;
            return;
        }
    }
    ProbeResult r;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        r.reason = HealthReason::Refused;
        break;
    case QAbstractSocket::RemoteHostClosedError:
        r.reason = HealthReason::Reset;
        break;
    case QAbstractSocket::SocketTimeoutError:
        r.reason = HealthReason::Timeout;
        break;
    default:
        r.reason = HealthReason::ConnectError;
        break;
    }
    r.latencyUs = p.started.nsecsElapsed() / 1000;
    closeSocket(p);
    finish(p, r, false);
}

ProbeResult HealthChecker::judge(const Prober &p) const
{
    ProbeResult r;
    r.statusCode = p.status;
    r.reason = HealthReason::Ok;
    const QList<HealthMatch> &matches = m_table->target(p.target).spec->matches;
    auto statusIn = [&](const QList<int> &codes) { return codes.contains(p.status); };
    if (matches.isEmpty()) {
        if (!statusIn({200}))
            r.reason = HealthReason::BadStatus;
        return r;
    }
    for (const HealthMatch &m : matches) {
        const bool empty = m.statusCodes.isEmpty() && m.body.isEmpty() && m.headers.isEmpty();
        if ((empty && !statusIn({200})) || (!m.statusCodes.isEmpty() && !statusIn(m.statusCodes))) {
            r.reason = HealthReason::BadStatus;
            return r;
        }
        if (!m.body.isEmpty() && !p.body.contains(m.body)) {
            r.reason = HealthReason::BodyMismatch;
            return r;
        }
        for (const auto &[name, value] : m.headers) {
            const QByteArray lname = name.toLower();
            bool found = false;
            for (const auto &[hname, hvalue] : p.headers) {
                if (hname == lname && hvalue == value) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                r.reason = HealthReason::HeaderMismatch;
                return r;
            }
        }
    }
    return r;
}

void HealthChecker::finish(Prober &p, ProbeResult result, bool keepConnection)
{
    p.inFlight = false;
    if (!keepConnection && p.socket && p.http)
        closeSocket(p);
    m_table->reportProbe(p.target, result);
    // Queued: a slot reacting to it (say, by calling setTable) must not run while `p` is in
    // use further up this call stack.
    const int target = p.target;
    QMetaObject::invokeMethod(
        this, [this, target, result] { emit probeFinished(target, result); }, Qt::QueuedConnection);
}

void HealthChecker::closeSocket(Prober &p)
{
    if (!p.socket)
        return;
    QTcpSocket *s = std::exchange(p.socket, nullptr);
    s->disconnect(this);
    s->abort();
    s->deleteLater();
}

void HealthChecker::onTransition(const HealthTransition &t)
{
    if (!m_table || t.target < 0 || t.target >= m_table->targetCount())
        return;
    if (!t.service.isEmpty()) {
        GATEHOUSE_TSAN_RELEASE_HAND_OFF(); // the observers are on other threads
        emit transition(t);
    }
    const HealthCheckSpec &spec = *m_table->target(t.target).spec;
    if (t.to != HealthState::Unhealthy || spec.intervalMs > 0 || spec.failTimeoutMs <= 0)
        return;
    // Passive only: revive after FailTimeout, measured from when the target went down.
    const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - t.atMs;
    const qint64 wait = qMax<qint64>(0, spec.failTimeoutMs - qMax<qint64>(0, elapsed));
    const std::weak_ptr<HealthTable> table = m_table;
    const int target = t.target;
    const qint64 downAt = t.atMs;
    QTimer::singleShot(int(qMin<qint64>(wait, INT_MAX)), this, [table, target, downAt] {
        const auto tab = table.lock();
        // Only the outage this timer was set for: a newer one has its own timer.
        if (tab && tab->unhealthySinceMs(target) == downAt)
            tab->reviveAfterCoolDown(target);
    });
}

} // namespace Gatehouse::Core
