#pragma once

#include <QtGlobal>

#include <optional>
#include <string_view>

namespace Gatehouse::Core {

// HTTP dates (RFC 9110 §5.6.7) without QDateTime or locale: the data path formats one per
// Set-Cookie and per static response, so these are allocation-free and thread-safe.

// Length of an IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT".
inline constexpr int ImfFixdateLength = 29;

// Writes the IMF-fixdate of `unixSeconds` (UTC) into `out` (exactly 29 bytes, no terminator)
// and returns a view of it. Years outside 0000-9999 are clamped to that range.
std::string_view formatImfFixdate(qint64 unixSeconds, char (&out)[ImfFixdateLength]);

// Parses the three forms a recipient must accept (IMF-fixdate, obsolete RFC 850 and asctime);
// returns seconds since the Unix epoch, or nothing when `text` is not a valid date.
std::optional<qint64> parseHttpDate(std::string_view text);

} // namespace Gatehouse::Core
