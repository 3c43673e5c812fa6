#include "healthprober.h"

#include "compiledconfig.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>

#include <llhttp.h>

#include <arpa/inet.h>

namespace Gatehouse::Core {

// One target's probe loop. Owned by the prober, lives on the health thread.
class HealthProber::Probe : public QObject
{
public:
    Probe(std::shared_ptr<const CompiledConfig> config, int target, const CompiledEndpoint &ep,
          const HealthCheckSpec &spec)
        : m_config(std::move(config))
        , m_target(target)
        , m_spec(spec)
        , m_hostHeader(ep.key.toUtf8())
    {
        m_address = QHostAddress(ntohl(ep.address.sin_addr.s_addr));
        m_port = ntohs(ep.address.sin_port);
        const int interval = int(qMax<qint64>(1000, spec.intervalMs));
        m_timer.setInterval(interval);
        m_timeout.setSingleShot(true);
        m_timeout.setInterval(interval);
        connect(&m_timer, &QTimer::timeout, this, &Probe::run);
        connect(&m_timeout, &QTimer::timeout, this, [this] { finish(HealthReason::Timeout); });
        m_timer.start();
    }

private:
    static int onHeadersComplete(llhttp_t *p)
    {
        static_cast<Probe *>(p->data)->m_status = int(p->status_code);
        return 0;
    }
    static int onHeaderField(llhttp_t *p, const char *at, size_t len)
    {
        auto *self = static_cast<Probe *>(p->data);
        if (self->m_inValue || self->m_headers.isEmpty()) {
            self->m_headers.append({QByteArray(), QByteArray()});
            self->m_inValue = false;
        }
        self->m_headers.last().first.append(at, qsizetype(len));
        return 0;
    }
    static int onHeaderValue(llhttp_t *p, const char *at, size_t len)
    {
        auto *self = static_cast<Probe *>(p->data);
        self->m_inValue = true;
        self->m_headers.last().second.append(at, qsizetype(len));
        return 0;
    }
    static int onBody(llhttp_t *p, const char *at, size_t len)
    {
        auto *self = static_cast<Probe *>(p->data);
        if (self->m_body.size() < 65536)
            self->m_body.append(at, qsizetype(len));
        return 0;
    }
    static int onMessageComplete(llhttp_t *p)
    {
        static_cast<Probe *>(p->data)->m_complete = true;
        return HPE_PAUSED;
    }

    void run()
    {
        if (m_busy)
            return; // never overlap probes (FGW does)
        m_busy = true;
        m_timeout.start();
        if (!m_socket) {
            m_socket = new QTcpSocket(this);
            connect(m_socket, &QTcpSocket::connected, this, &Probe::onConnected);
            connect(m_socket, &QTcpSocket::readyRead, this, &Probe::onReadyRead);
            connect(m_socket, &QTcpSocket::errorOccurred, this,
                    [this](QAbstractSocket::SocketError e) {
                        if (!m_busy)
                            return;
                        if (e == QAbstractSocket::RemoteHostClosedError && m_sent
                            && !m_complete) {
                            // A stale keep-alive connection: retry once on a fresh one.
                            if (!m_retried) {
                                m_retried = true;
                                resetSocket();
                                m_busy = false;
                                run();
                                return;
                            }
                        }
                        finish(e == QAbstractSocket::ConnectionRefusedError
                                   ? HealthReason::Refused
                                   : (m_sent ? HealthReason::Reset
                                             : HealthReason::ConnectError));
                    });
        }
        if (m_socket->state() == QAbstractSocket::ConnectedState) {
            onConnected();
        } else if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            m_socket->connectToHost(m_address, m_port);
        }
    }

    void onConnected()
    {
        if (!m_busy)
            return;
        if (m_spec.path.isEmpty()) {
            finish(HealthReason::Ok); // TCP probe: connecting is the test
            resetSocket();
            return;
        }
        llhttp_settings_init(&m_settings);
        m_settings.on_headers_complete = &Probe::onHeadersComplete;
        m_settings.on_header_field = &Probe::onHeaderField;
        m_settings.on_header_value = &Probe::onHeaderValue;
        m_settings.on_body = &Probe::onBody;
        m_settings.on_message_complete = &Probe::onMessageComplete;
        llhttp_init(&m_parser, HTTP_RESPONSE, &m_settings);
        m_parser.data = this;
        m_status = 0;
        m_body.clear();
        m_headers.clear();
        m_inValue = false;
        m_complete = false;
        m_sent = true;
        m_socket->write("GET " + m_spec.path + " HTTP/1.1\r\nHost: " + m_hostHeader
                        + "\r\nUser-Agent: gatehouse-health\r\n\r\n");
    }

    void onReadyRead()
    {
        const QByteArray data = m_socket->readAll();
        if (!m_busy || !m_sent)
            return;
        const llhttp_errno_t e = llhttp_execute(&m_parser, data.constData(), size_t(data.size()));
        if (m_complete) {
            const bool keep = llhttp_should_keep_alive(&m_parser);
            finish(judge());
            if (!keep)
                resetSocket();
        } else if (e != HPE_OK) {
            finish(HealthReason::BadResponse);
            resetSocket();
        }
    }

    HealthReason judge() const
    {
        QList<HealthMatch> matches = m_spec.matches;
        if (matches.isEmpty())
            matches << HealthMatch{{200}, {}, {}};
        for (const HealthMatch &m : matches) {
            if (!m.statusCodes.isEmpty() && !m.statusCodes.contains(m_status))
                return HealthReason::BadStatus;
            if (!m.body.isEmpty() && !m_body.contains(m.body))
                return HealthReason::BodyMismatch;
            for (const auto &[name, value] : m.headers) {
                bool ok = false;
                for (const auto &[n, v] : m_headers)
                    ok = ok || (n.compare(name, Qt::CaseInsensitive) == 0 && v.trimmed() == value);
                if (!ok)
                    return HealthReason::HeaderMismatch;
            }
        }
        return HealthReason::Ok;
    }

    void finish(HealthReason reason)
    {
        if (!m_busy)
            return;
        m_busy = false;
        m_sent = false;
        m_retried = false;
        m_timeout.stop();
        ProbeResult result;
        result.reason = reason;
        result.statusCode = m_status;
        if (reason != HealthReason::Ok)
            resetSocket();
        m_config->health->reportProbe(m_target, result);
    }

    void resetSocket()
    {
        if (!m_socket)
            return;
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }

    std::shared_ptr<const CompiledConfig> m_config;
    int m_target;
    HealthCheckSpec m_spec;
    QByteArray m_hostHeader;
    QHostAddress m_address;
    quint16 m_port = 0;
    QTimer m_timer;
    QTimer m_timeout;
    QTcpSocket *m_socket = nullptr;
    llhttp_settings_t m_settings{};
    llhttp_t m_parser{};
    int m_status = 0;
    QByteArray m_body;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    bool m_inValue = false;
    bool m_complete = false;
    bool m_busy = false;
    bool m_sent = false;
    bool m_retried = false;
};

HealthProber::HealthProber(QObject *parent)
    : QObject(parent)
{
}

HealthProber::~HealthProber() = default;

void HealthProber::setConfig(std::shared_ptr<const CompiledConfig> config)
{
    m_probes.clear();
    m_config = std::move(config);
    if (!m_config)
        return;
    for (const CompiledService &svc : m_config->services) {
        if (!svc.health.enabled() || svc.health.intervalMs <= 0)
            continue;
        for (const CompiledEndpoint &ep : svc.endpoints)
            m_probes.push_back(
                std::make_unique<Probe>(m_config, ep.healthSlot, ep, svc.health));
    }
}

} // namespace Gatehouse::Core
