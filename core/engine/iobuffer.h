#pragma once

#include <QByteArrayView>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace Gatehouse::Core {

// A byte queue for one direction of one socket: bytes are appended at the back (socket reads,
// encoders) and consumed from the front (parsers, socket writes).
//
// Why not QByteArray: the data path must not allocate per request. Storage comes from a
// per-thread free list of fixed-size blocks, is taken on first use and given back as soon as the
// buffer drains (releaseIfEmpty), so 10,000 idle keep-alive clients hold no buffers at all while
// a busy connection reuses the same block request after request. A buffer grows past the block
// size only for oversized heads or when a caller explicitly appends more (bounded by callers'
// high-water marks). Not thread-safe: a buffer lives and dies on one worker thread.
class IoBuffer
{
public:
    static constexpr size_t BlockSize = 16 * 1024;
    // Per thread: enough for the connections of a busy moment (50 busy keep-alive clients hold
    // 3-5 blocks each mid-exchange; with 64 a third of all buffers went through malloc and
    // free, ~600 instructions per request); beyond it, malloc. The worker's sweep trims the
    // pool back to IdlePooledBlocks every second, so a burst does not pin its peak memory.
    static constexpr size_t MaxPooledBlocks = 256;
    static constexpr size_t IdlePooledBlocks = 64;

    // Frees pooled blocks beyond `keep` (the calling thread's pool).
    static void trimPool(size_t keep = IdlePooledBlocks)
    {
        std::vector<char *> &blocks = pool().blocks;
        while (blocks.size() > keep) {
            std::free(blocks.back());
            blocks.pop_back();
        }
    }

    IoBuffer() = default;
    IoBuffer(const IoBuffer &) = delete;
    IoBuffer &operator=(const IoBuffer &) = delete;
    ~IoBuffer() { freeStorage(); }

    const char *data() const { return m_data + m_begin; }
    char *data() { return m_data + m_begin; }
    size_t size() const { return m_end - m_begin; }
    bool isEmpty() const { return m_end == m_begin; }
    QByteArrayView view() const { return QByteArrayView(data(), qsizetype(size())); }

    void consume(size_t n)
    {
        m_begin += n;
        if (m_begin >= m_end)
            m_begin = m_end = 0;
    }
    void clear() { m_begin = m_end = 0; }

    // Space for at least minSpace more bytes at the back; write there, then commit().
    char *reserveBack(size_t minSpace)
    {
        if (m_capacity - m_end < minSpace)
            makeRoom(minSpace);
        return m_data + m_end;
    }
    size_t spaceBack() const { return m_capacity - m_end; }
    void commit(size_t n) { m_end += n; }

    void append(const char *p, size_t n)
    {
        std::memcpy(reserveBack(n), p, n);
        m_end += n;
    }
    void append(QByteArrayView v) { append(v.data(), size_t(v.size())); }
    void append(char c)
    {
        *reserveBack(1) = c;
        ++m_end;
    }
    void appendNumber(unsigned long long value)
    {
        char tmp[24];
        int n = 0;
        do {
            tmp[n++] = char('0' + value % 10);
            value /= 10;
        } while (value);
        char *out = reserveBack(size_t(n));
        for (int i = 0; i < n; ++i)
            out[i] = tmp[n - 1 - i];
        m_end += size_t(n);
    }
    void appendHex(unsigned long long value)
    {
        char tmp[20];
        int n = 0;
        do {
            tmp[n++] = "0123456789abcdef"[value & 15];
            value >>= 4;
        } while (value);
        char *out = reserveBack(size_t(n));
        for (int i = 0; i < n; ++i)
            out[i] = tmp[n - 1 - i];
        m_end += size_t(n);
    }

    // Gives the storage back to the thread's pool when nothing is queued.
    void releaseIfEmpty()
    {
        if (m_begin == m_end && m_data)
            freeStorage();
    }
    bool hasStorage() const { return m_data != nullptr; }

private:
    struct Pool
    {
        std::vector<char *> blocks;
        ~Pool()
        {
            for (char *b : blocks)
                std::free(b);
        }
    };
    static Pool &pool()
    {
        static thread_local Pool p;
        return p;
    }

    // Out of line: the rare path, so that append() and reserveBack() stay small enough for
    // the compiler to inline at the many call sites that build heads.
    __attribute__((noinline)) void makeRoom(size_t minSpace)
    {
        const size_t used = m_end - m_begin;
        if (m_data && m_begin > 0 && m_capacity - used >= minSpace) {
            std::memmove(m_data, m_data + m_begin, used);
            m_begin = 0;
            m_end = used;
            return;
        }
        size_t want = m_capacity ? m_capacity * 2 : BlockSize;
        while (want < used + minSpace)
            want *= 2;
        char *fresh = nullptr;
        if (want == BlockSize && !pool().blocks.empty()) {
            fresh = pool().blocks.back();
            pool().blocks.pop_back();
        } else {
            fresh = static_cast<char *>(std::malloc(want));
            if (!fresh)
                std::abort(); // out of memory: nothing sensible left to do on the data path
        }
        if (used)
            std::memcpy(fresh, m_data + m_begin, used);
        freeStorage();
        m_data = fresh;
        m_capacity = want;
        m_begin = 0;
        m_end = used;
    }
    void freeStorage()
    {
        if (!m_data)
            return;
        // Keep a bounded number of blocks per thread; larger buffers go back to malloc.
        if (m_capacity == BlockSize && pool().blocks.size() < MaxPooledBlocks)
            pool().blocks.push_back(m_data);
        else
            std::free(m_data);
        m_data = nullptr;
        m_capacity = m_begin = m_end = 0;
    }

    char *m_data = nullptr;
    size_t m_capacity = 0;
    size_t m_begin = 0;
    size_t m_end = 0;
};

} // namespace Gatehouse::Core
