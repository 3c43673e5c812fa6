#include "eventloop.h"

#include <QSocketNotifier>

#include <sys/epoll.h>
#include <unistd.h>

namespace Gatehouse::Core {

EventLoop::EventLoop(QObject *parent)
    : QObject(parent)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0)
        return;
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &EventLoop::dispatch);
}

EventLoop::~EventLoop()
{
    delete m_notifier;
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool EventLoop::add(int fd, IoHandler *handler)
{
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.ptr = handler;
    return epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) == 0;
}

void EventLoop::remove(int fd)
{
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void EventLoop::retire(IoHandler *handler)
{
    m_retired.emplace_back(handler);
    if (!m_dispatching)
        QMetaObject::invokeMethod(this, &EventLoop::destroyRetired, Qt::QueuedConnection);
}

void EventLoop::destroyRetired()
{
    // Destructors may retire more handlers (a client closing its upstream): loop until quiet.
    while (!m_retired.empty()) {
        std::vector<std::unique_ptr<IoHandler>> batch;
        batch.swap(m_retired);
        batch.clear();
    }
}

void EventLoop::dispatch()
{
    constexpr int MaxEvents = 256;
    epoll_event events[MaxEvents];
    m_dispatching = true;
    // Drain what is ready now; the notifier (level-triggered on the epoll fd) wakes us again
    // if more arrives, so a flood on one worker cannot starve its Qt timers.
    for (int round = 0; round < 4; ++round) {
        const int n = epoll_wait(m_epoll, events, MaxEvents, 0);
        for (int i = 0; i < n; ++i)
            static_cast<IoHandler *>(events[i].data.ptr)->onIoEvent(events[i].events);
        if (n < MaxEvents)
            break;
    }
    m_dispatching = false;
    destroyRetired();
}

} // namespace Gatehouse::Core
