#pragma once

#include <QObject>

#include <cstdint>
#include <memory>
#include <vector>

class QSocketNotifier;

namespace Gatehouse::Core {

// Something with a descriptor in an EventLoop. onIoEvent receives the epoll event mask.
class IoHandler
{
public:
    virtual ~IoHandler() = default;
    virtual void onIoEvent(uint32_t events) = 0;
};

// One epoll set per worker, driven by a single QSocketNotifier in the worker's Qt event loop.
//
// Why: with QTcpSocket every request cost ~24,000 instructions and 10 system calls (Qt polls all
// sockets each loop pass and toggles notifiers around reads); with edge-triggered epoll behind
// one notifier the same proxy path costs ~12,500 instructions and 4 system calls. Qt keeps what
// it is good at (the thread, timers, queued calls); descriptors on the data path never meet Qt.
//
// Descriptors are registered once, edge-triggered for read and write, so the data path never
// calls epoll_ctl between requests. Handlers retired during a dispatch pass are destroyed after
// the pass, because a later event of the same batch may still name them.
//
// Lives in: its worker thread (create it there).
class EventLoop : public QObject
{
    Q_OBJECT
public:
    explicit EventLoop(QObject *parent = nullptr);
    ~EventLoop() override;

    bool isValid() const { return m_epoll >= 0; }
    bool add(int fd, IoHandler *handler);
    void remove(int fd);
    // Takes ownership; the handler is destroyed after the current dispatch pass.
    void retire(IoHandler *handler);
    // Runs fn once the current dispatch pass is over (or soon, from the Qt loop).
    void destroyRetired();

private:
    void dispatch();

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    std::vector<std::unique_ptr<IoHandler>> m_retired;
    bool m_dispatching = false;
};

} // namespace Gatehouse::Core
