#include "listensocket.h"

#include "clientconnection.h"
#include "worker.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Gatehouse::Core {

ListenSocket::ListenSocket(Worker *worker, QString bindKey, uint64_t bindId)
    : m_worker(worker)
    , m_bindKey(std::move(bindKey))
    , m_bindId(bindId)
{}

ListenSocket::~ListenSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QString ListenSocket::open(quint32 ipv4, quint16 port)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return QString::fromLocal8Bit(std::strerror(errno));
    const int one = 1;
    ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(ipv4);
    if (::bind(m_fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0 || ::listen(m_fd, 4096) != 0
        || !m_worker->loop().add(m_fd, this)) {
        // The common case gets words a user recognises; the rest keep the system's text.
        const QString error = errno == EADDRINUSE
                                  ? QCoreApplication::translate("Gatehouse::Core::ListenSocket",
                                                                "port %1 is in use")
                                        .arg(port)
                                  : QString::fromLocal8Bit(std::strerror(errno));
        ::close(m_fd);
        m_fd = -1;
        return error;
    }
    return {};
}

void ListenSocket::close()
{
    if (m_fd < 0)
        return;
    m_worker->loop().remove(m_fd);
    ::close(m_fd);
    m_fd = -1;
}

void ListenSocket::onIoEvent(uint32_t)
{
    // Edge-triggered: accept until the queue is empty, in bounded batches so one busy
    // listener cannot starve the connections already accepted.
    for (int i = 0; i < 256 && m_fd >= 0; ++i) {
        sockaddr_in peer{};
        socklen_t len = sizeof peer;
        const int fd = ::accept4(m_fd, reinterpret_cast<sockaddr *>(&peer), &len,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno == EMFILE || errno == ENFILE)
                m_worker->noteAcceptFailure();
            return;
        }
        if (m_worker->atConnectionLimit()) {
            // Over EngineLimits::maxConnectionsPerWorker: close it before reading anything, so
            // the connections being served keep their memory and descriptors.
            ::close(fd);
            m_worker->noteRejectedConnection();
            continue;
        }
        // TCP_NODELAY is set by the connection when it first needs it (see
        // ClientConnection::flush): a Connection: close exchange never does.
        auto *client = new ClientConnection(m_worker, fd, peer, m_bindId);
        m_worker->addClient(client);
        client->start();
    }
    // More may be pending: come back on the next loop pass rather than waiting for a new edge.
    if (m_fd >= 0)
        m_worker->rearmListener(this);
}

} // namespace Gatehouse::Core
