#pragma once

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>

// Cross-thread calls that ThreadSanitizer can follow.
//
// Qt orders a queued call (the posted-event queue's mutex), a blocking one (a semaphore), the
// release of the call's functor (an atomic reference count) and a thread's end (QThread::wait)
// inside libQt6Core, which Debian does not build with -fsanitize=thread: TSan sees our lambda's
// captures, and Qt's event, written on one thread, read and freed on another with nothing in
// between, and reports races that are not. So the hand-off is done where TSan can see it:
// invokeQueued()/invokeBlocking() post the call with Qt::QueuedConnection and hand it over
// with a std::mutex and std::condition_variable (pthread, intercepted): the call first waits
// until the poster has returned from posting (microseconds; Qt's own event and wake-up are
// written by then), and a blocking caller waits until the call has run. Control path only.
//
// Queued signals whose arguments Qt copies (HealthChecker::transition, TelemetryCollector::batch)
// are marked with GATEHOUSE_TSAN_RELEASE_HAND_OFF() before the emit and
// GATEHOUSE_TSAN_ACQUIRE_HAND_OFF() first thing in the slot: empty outside a TSan build.

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#define GATEHOUSE_TSAN_ACQUIRE(addr)                                                               \
    __tsan_acquire(const_cast<void *>(static_cast<const void *>(addr)))
#define GATEHOUSE_TSAN_RELEASE(addr)                                                               \
    __tsan_release(const_cast<void *>(static_cast<const void *>(addr)))
#else
#define GATEHOUSE_TSAN_ACQUIRE(addr) static_cast<void>(addr)
#define GATEHOUSE_TSAN_RELEASE(addr) static_cast<void>(addr)
#endif

namespace Gatehouse::Core {

namespace CrossThreadDetail {

inline char s_handOff; // the sync address of annotated hand-offs (TSan builds only; never written)

struct HandOff
{
    std::mutex mutex;
    std::condition_variable cv;
    bool posted = false;   // the poster has returned from QMetaObject::invokeMethod
    bool finished = false; // the call has run, or was dropped unrun
    void finish()
    {
        std::lock_guard lock(mutex);
        finished = true;
        cv.notify_all();
    }
};

// The functor Qt stores and calls on the target thread. The call reads `handOff` before it can
// lock anything, so each construction (Qt moves the functor into the slot object it allocates)
// marks a release after its members are in place, and the call and the destructor acquire first.
template<typename F>
struct Call
{
    F f;
    std::shared_ptr<HandOff> handOff;
    Call(F &&fn, std::shared_ptr<HandOff> h)
        : f(std::move(fn))
        , handOff(std::move(h))
    {
        GATEHOUSE_TSAN_RELEASE(&s_handOff);
    }
    Call(Call &&other)
        : f(std::move(other.f))
        , handOff(std::move(other.handOff))
    {
        GATEHOUSE_TSAN_RELEASE(&s_handOff);
    }
    Call(const Call &) = delete;
    Call &operator=(const Call &) = delete;
    Call &operator=(Call &&) = delete;
    ~Call()
    {
        GATEHOUSE_TSAN_ACQUIRE(&s_handOff);
        if (handOff) // dropped unrun (the target went away): do not leave a caller waiting
            handOff->finish();
    }
    void operator()()
    {
        GATEHOUSE_TSAN_ACQUIRE(&s_handOff);
        {
            std::unique_lock lock(handOff->mutex);
            handOff->cv.wait(lock, [this] { return handOff->posted; });
        }
        f();
        handOff->finish();
    }
};

template<typename F>
std::shared_ptr<HandOff> post(QObject *target, F f)
{
    auto handOff = std::make_shared<HandOff>();
    QMetaObject::invokeMethod(target, Call<F>(std::move(f), handOff), Qt::QueuedConnection);
    std::lock_guard lock(handOff->mutex);
    handOff->posted = true;
    handOff->cv.notify_all();
    return handOff;
}

} // namespace CrossThreadDetail

// Runs `f` on `target`'s thread and returns once it has run (like Qt::BlockingQueuedConnection;
// called from the target's own thread, it runs `f` at once). What `f` wrote is visible to the
// caller.
template<typename F>
void invokeBlocking(QObject *target, F f)
{
    if (target->thread() == QThread::currentThread()) {
        f();
        return;
    }
    const auto handOff = CrossThreadDetail::post(target, std::move(f));
    std::unique_lock lock(handOff->mutex);
    handOff->cv.wait(lock, [&] { return handOff->finished; });
}

// Queues `f` to run on `target`'s thread (Qt::QueuedConnection) and returns at once.
template<typename F>
void invokeQueued(QObject *target, F f)
{
    CrossThreadDetail::post(target, std::move(f));
}

// For a queued signal whose arguments Qt copies on the emitting thread: call before emitting,
// and GATEHOUSE_TSAN_ACQUIRE_HAND_OFF() first thing in the receiving slot.
#define GATEHOUSE_TSAN_RELEASE_HAND_OFF()                                                          \
    GATEHOUSE_TSAN_RELEASE(&::Gatehouse::Core::CrossThreadDetail::s_handOff)
#define GATEHOUSE_TSAN_ACQUIRE_HAND_OFF()                                                          \
    GATEHOUSE_TSAN_ACQUIRE(&::Gatehouse::Core::CrossThreadDetail::s_handOff)

// Starts `thread` and returns once it runs (its event dispatcher exists, so posting to it
// needs no more of Qt's internal locking). Pair with quitAndWait(): the thread, as it finishes,
// first destroys what was deleteLater()'d on finished() (as Qt does right after), then marks a
// hand-off, so the destructors happen before whatever follows quitAndWait() for TSan too.
// Connect finished() to deleteLater() before calling this. A control-path call: it blocks.
inline void startThread(QThread *thread)
{
    QObject::connect(
        thread, &QThread::finished, thread,
        [] {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            GATEHOUSE_TSAN_RELEASE_HAND_OFF();
        },
        Qt::DirectConnection);
    struct Started
    {
        std::mutex mutex;
        std::condition_variable cv;
        bool running = false;
    };
    auto started = std::make_shared<Started>();
    QObject::connect(
        thread, &QThread::started, thread,
        [started] {
            std::lock_guard lock(started->mutex);
            started->running = true;
            started->cv.notify_one();
        },
        Qt::ConnectionType(Qt::DirectConnection | Qt::SingleShotConnection));
    thread->start();
    std::unique_lock lock(started->mutex);
    started->cv.wait(lock, [&] { return started->running; });
}

// Ends the thread's event loop and waits for it; false if the thread did not finish before the
// deadline. The quit is posted with invokeQueued() (after what is queued already), so that the
// wake-up written to the thread's eventfd, which the thread closes as it ends, is ordered for TSan.
inline bool quitAndWait(QThread *thread, QDeadlineTimer deadline = QDeadlineTimer::Forever)
{
    if (QAbstractEventDispatcher *dispatcher = thread->eventDispatcher())
        invokeQueued(dispatcher, [] { QThread::currentThread()->quit(); });
    else
        thread->quit();
    const bool finished = thread->wait(deadline);
    if (finished)
        GATEHOUSE_TSAN_ACQUIRE_HAND_OFF();
    return finished;
}

} // namespace Gatehouse::Core
