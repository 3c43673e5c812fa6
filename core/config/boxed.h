#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace Gatehouse::Core {

// An optional value kept out of line: reads and assigns like std::optional<T>, but an absent
// value costs one shared pointer (16 bytes) instead of sizeof(T).
//
// For the model's rarely set blocks (a Match's RateLimit, Fault, Gzip, ...): a Match embeds a
// dozen of them, and inline they made every route of a 10,000-route config cost about 1.3 KB,
// most of it empty optionals (tests/bench/config_load measured the peak RSS of loading at 5x
// the file size; the target is 4x).
//
// Copies share the value. That is safe because the model is immutable once loaded; the reader
// only ever assigns whole values, it never mutates one in place through a copy.
template<typename T>
class Boxed
{
public:
    using value_type = T;

    Boxed() = default;
    Boxed(std::nullopt_t) {}
    Boxed(const T &value)
        : m_value(std::make_shared<const T>(value))
    {}
    Boxed(T &&value)
        : m_value(std::make_shared<const T>(std::move(value)))
    {}
    Boxed(const std::optional<T> &value)
    {
        if (value)
            m_value = std::make_shared<const T>(*value);
    }
    Boxed(std::optional<T> &&value)
    {
        if (value)
            m_value = std::make_shared<const T>(std::move(*value));
    }

    bool has_value() const { return m_value != nullptr; }
    explicit operator bool() const { return has_value(); }
    // Like std::optional, dereferencing an empty Boxed is undefined; check first.
    const T &operator*() const { return *m_value; }
    const T *operator->() const { return m_value.get(); }
    const T &value() const { return *m_value; }
    template<typename U>
    T value_or(U &&fallback) const
    {
        return m_value ? *m_value : static_cast<T>(std::forward<U>(fallback));
    }
    void reset() { m_value.reset(); }

    friend bool operator==(const Boxed &a, std::nullopt_t) { return !a.m_value; }

private:
    std::shared_ptr<const T> m_value;
};

} // namespace Gatehouse::Core
