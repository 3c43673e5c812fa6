#include "httpdate.h"

#include <array>

namespace Gatehouse::Core {

namespace {

constexpr std::array<std::string_view, 7> s_weekdays
    = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> s_months
    = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
// calendar, no tables, no time zone database.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

void civilFromDays(qint64 z, qint64 &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<qint64>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

void put2(char *p, unsigned v)
{
    p[0] = char('0' + v / 10 % 10);
    p[1] = char('0' + v % 10);
}

// Parses exactly `n` digits at `s[pos]`.
bool digits(std::string_view s, size_t pos, size_t n, int &value)
{
    if (pos + n > s.size())
        return false;
    value = 0;
    for (size_t i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

int monthIndex(std::string_view s)
{
    for (size_t i = 0; i < s_months.size(); ++i) {
        if (s == s_months[i])
            return int(i) + 1;
    }
    return 0;
}

// "HH:MM:SS" at s[pos]
bool timeOfDay(std::string_view s, size_t pos, int &hh, int &mm, int &ss)
{
    return digits(s, pos, 2, hh) && pos + 2 < s.size() && s[pos + 2] == ':'
           && digits(s, pos + 3, 2, mm) && pos + 5 < s.size() && s[pos + 5] == ':'
           && digits(s, pos + 6, 2, ss) && hh < 24 && mm < 60 && ss <= 60;
}

std::optional<qint64> assemble(int year, int month, int day, int hh, int mm, int ss)
{
    static constexpr std::array<int, 12> s_monthDays
        = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > s_monthDays[size_t(month - 1)])
        return std::nullopt;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap)
        return std::nullopt;
    return daysFromCivil(year, unsigned(month), unsigned(day)) * 86400 + hh * 3600 + mm * 60
           + qMin(ss, 59);
}

} // namespace

std::string_view formatImfFixdate(qint64 unixSeconds, char (&out)[ImfFixdateLength])
{
    // 0000-01-01 .. 9999-12-31T23:59:59
    unixSeconds = qBound(Q_INT64_C(-62167219200), unixSeconds, Q_INT64_C(253402300799));
    qint64 days = unixSeconds / 86400;
    qint64 secs = unixSeconds % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    qint64 y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civilFromDays(days, y, m, d);
    const auto weekday = static_cast<size_t>(((days % 7) + 11) % 7); // 1970-01-01 was a Thursday

    char *p = out;
    const std::string_view wd = s_weekdays[weekday];
    const std::string_view mo = s_months[m - 1];
    p[0] = wd[0], p[1] = wd[1], p[2] = wd[2], p[3] = ',', p[4] = ' ';
    put2(p + 5, d);
    p[7] = ' ';
    p[8] = mo[0], p[9] = mo[1], p[10] = mo[2], p[11] = ' ';
    put2(p + 12, unsigned(y / 100));
    put2(p + 14, unsigned(y % 100));
    p[16] = ' ';
    put2(p + 17, unsigned(secs / 3600));
    p[19] = ':';
    put2(p + 20, unsigned(secs / 60 % 60));
    p[22] = ':';
    put2(p + 23, unsigned(secs % 60));
    p[25] = ' ', p[26] = 'G', p[27] = 'M', p[28] = 'T';
    return {out, ImfFixdateLength};
}

std::optional<qint64> parseHttpDate(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    int day = 0, year = 0, hh = 0, mm = 0, ss = 0;

    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    if (s.size() == 29 && s[3] == ',' && s[4] == ' ') {
        if (!digits(s, 5, 2, day) || s[7] != ' ' || s[11] != ' ' || !digits(s, 12, 4, year)
            || s[16] != ' ' || !timeOfDay(s, 17, hh, mm, ss) || s.substr(25) != " GMT")
            return std::nullopt;
        return assemble(year, monthIndex(s.substr(8, 3)), day, hh, mm, ss);
    }
    // asctime: "Sun Nov  6 08:49:37 1994"
    if (s.size() == 24 && s[3] == ' ' && s[7] == ' ') {
        const std::string_view dd = s.substr(8, 2);
        if (dd[0] == ' ') {
            if (!digits(dd, 1, 1, day))
                return std::nullopt;
        } else if (!digits(dd, 0, 2, day)) {
            return std::nullopt;
        }
        if (s[10] != ' ' || !timeOfDay(s, 11, hh, mm, ss) || s[19] != ' '
            || !digits(s, 20, 4, year))
            return std::nullopt;
        return assemble(year, monthIndex(s.substr(4, 3)), day, hh, mm, ss);
    }
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; two-digit years per RFC 9110: within 50 years.
    const size_t comma = s.find(", ");
    if (comma != std::string_view::npos && comma >= 6 && s.size() == comma + 24) {
        const size_t p = comma + 2;
        if (!digits(s, p, 2, day) || s[p + 2] != '-' || s[p + 6] != '-'
            || !digits(s, p + 7, 2, year) || s[p + 9] != ' ' || !timeOfDay(s, p + 10, hh, mm, ss)
            || s.substr(p + 18) != " GMT")
            return std::nullopt;
        year += year < 70 ? 2000 : 1900;
        return assemble(year, monthIndex(s.substr(p + 3, 3)), day, hh, mm, ss);
    }
    return std::nullopt;
}

} // namespace Gatehouse::Core
