// llhttp vs http_parser on the heads the engine actually sees, side by side.
//
// Usage: parser_bench [--runs N] [--no-callgrind]
//        parser_bench --measure <parser> <input> <iterations>   (run under callgrind by itself)
//
// For each parser and each input it reports the median ns per message over N timed runs (noisy
// on a shared machine; compare the two columns of one run, never runs of different days) and,
// when valgrind is installed, instructions per message from callgrind, which are deterministic.
// Then a strictness table: which of a set of request-smuggling inputs each parser refuses on its
// own (the engine adds checks of its own on top; see README, "The HTTP parser").
//
// A message is parsed on a parser that is reused across messages (as on a keep-alive
// connection), with callbacks that record spans into a fixed array, as the engine's do.

#include "benchparser.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ParserBench;

namespace {

struct Input
{
    const char *name;
    bool response;
    std::string bytes;
};

std::vector<Input> inputs()
{
    std::vector<Input> v;
    // The seed article's curl request, and what wrk sends in bench.sh.
    v.push_back({"curl", false,
                 "GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nUser-Agent: curl/7.88.1\r\n"
                 "Accept: */*\r\n\r\n"});
    v.push_back({"wrk", false, "GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n"});
    // A browser-like request: 12 headers, a cookie, a query string.
    v.push_back(
        {"browser", false,
         "GET /api/v1/orders?page=2&sort=created HTTP/1.1\r\n"
         "Host: shop.example.com\r\n"
         "Connection: keep-alive\r\n"
         "sec-ch-ua: \"Chromium\";v=\"118\", \"Google Chrome\";v=\"118\"\r\n"
         "sec-ch-ua-mobile: ?0\r\n"
         "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/118.0.0.0 Safari/537.36\r\n"
         "sec-ch-ua-platform: \"Linux\"\r\n"
         "Accept: application/json, text/plain, */*\r\n"
         "Sec-Fetch-Site: same-origin\r\n"
         "Sec-Fetch-Mode: cors\r\n"
         "Referer: https://shop.example.com/orders\r\n"
         "Accept-Encoding: gzip, deflate, br\r\n"
         "Accept-Language: en-US,en;q=0.9,zh-CN;q=0.8\r\n"
         "Cookie: _srv_id=1700000000:0a1b2c3d; session=6f1ed002ab5595859014ebf0951522d9\r\n"
         "\r\n"});
    // The backends' response in bench.sh (nginx, Content-Length).
    v.push_back(
        {"resp-length", true,
         "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 25 Nov 2026 21:00:00 GMT\r\n"
         "Content-Type: text/plain\r\nContent-Length: 12\r\nConnection: keep-alive\r\n"
         "\r\nHello, there"});
    // A chunked response: an application server streaming JSON in four chunks.
    {
        std::string r = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\nDate: Wed, 25 Nov 2026 21:00:00 GMT\r\n"
                        "Cache-Control: no-store\r\n\r\n";
        const std::string part = "{\"id\":12345,\"name\":\"widget\",\"price\":9.99},";
        for (int i = 0; i < 4; ++i) {
            char size[16];
            std::snprintf(size, sizeof size, "%zx\r\n", part.size());
            r += size + part + "\r\n";
        }
        r += "0\r\n\r\n";
        v.push_back({"resp-chunked", true, r});
    }
    return v;
}

std::unique_ptr<Parser> makeParser(const std::string &name)
{
    return name == "llhttp" ? makeLlhttp() : makeHttpParser();
}

// Named so that callgrind can collect exactly this function (--toggle-collect=measureLoop).
extern "C" __attribute__((noinline)) int measureLoop(Parser *p, const Input *in, int iterations)
{
    for (int i = 0; i < iterations; ++i) {
        if (!p->feed(in->bytes.data(), in->bytes.size()))
            return -1;
    }
    return p->sink().messages;
}

double medianNs(const std::string &parser, const Input &in, int runs)
{
    auto p = makeParser(parser);
    p->reset(in.response);
    const int iterations = 20000;
    measureLoop(p.get(), &in, 1000); // warm caches and branch predictors
    std::vector<double> ns;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        if (measureLoop(p.get(), &in, iterations) < 0)
            return -1;
        const auto t1 = std::chrono::steady_clock::now();
        ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / iterations);
    }
    std::sort(ns.begin(), ns.end());
    return ns[ns.size() / 2];
}

// Instructions per message: this program runs itself under callgrind, collecting only
// measureLoop, for 2,000 and 1,000 iterations; the difference removes the fixed costs.
double instructionsPerMessage(const std::string &self, const std::string &parser, int inputIndex)
{
    auto run = [&](int iterations) -> double {
        char out[64];
        std::snprintf(out, sizeof out, "/tmp/parser_bench.%d.cg", int(getpid()));
        const std::string cmd = "valgrind --tool=callgrind --collect-atstart=no "
                                "--toggle-collect=measureLoop --callgrind-out-file="
                                + std::string(out) + " '" + self + "' --measure " + parser + " "
                                + std::to_string(inputIndex) + " " + std::to_string(iterations)
                                + " >/dev/null 2>&1";
        if (std::system(cmd.c_str()) != 0)
            return -1;
        FILE *f = std::fopen(out, "r");
        if (!f)
            return -1;
        char line[512];
        double total = -1;
        while (std::fgets(line, sizeof line, f)) {
            if (std::strncmp(line, "summary:", 8) == 0)
                total = std::atof(line + 8);
        }
        std::fclose(f);
        std::remove(out);
        return total;
    };
    const double a = run(1000), b = run(2000);
    return a < 0 || b < 0 ? -1 : (b - a) / 1000.0;
}

struct SmugglingCase
{
    const char *name;
    bool response;
    const char *bytes;
};

// Each is refused by a strict HTTP/1.1 implementation (RFC 9112 sections 2.2, 5, 6.1, 6.3,
// 7.1; and the smuggling literature): accepting any is a way to make two parties disagree
// about where a message ends.
const SmugglingCase smuggling[] = {
    {"CL and TE together", false,
     "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n"
     "0\r\n\r\nX"},
    {"two different Content-Length", false,
     "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde"},
    {"Content-Length: +5", false, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nabcde"},
    {"Content-Length: 5, 5", false,
     "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nabcde"},
    {"TE: chunked, identity", false,
     "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"},
    {"TE: xchunked", false,
     "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"},
    {"space before colon", false,
     "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n"},
    {"obs-fold", false, "GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n folded\r\n\r\n"},
    {"bare LF line ends", false, "GET / HTTP/1.1\nHost: a\n\n"},
    {"bare CR in a value", false, "GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\rX-B: 2\r\n\r\n"},
    {"NUL in a value", false, nullptr}, // see smugglingBytes
    {"control char in a name", false, "GET / HTTP/1.1\r\nHost: a\r\nX\x01A: 1\r\n\r\n"},
    {"space before first header", false, "GET / HTTP/1.1\r\n Host: a\r\n\r\n"},
    {"bad chunk size", false,
     "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"},
    {"chunk size overflow", false,
     "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
     "10000000000000001\r\nabc\r\n0\r\n\r\n"},
    {"chunk data without CRLF", false,
     "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXX0\r\n\r\n"},
    {"chunk ext with bare LF", false,
     "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x\nabc\r\n0\r\n\r\n"},
    {"HTTP/1.0 with TE chunked", false,
     "POST / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
    {"two spaces in request line", false, "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"},
    {"bad version HTTP/1.10", false, "GET / HTTP/1.10\r\nHost: a\r\n\r\n"},
    {"response CL and TE", true,
     "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
};

// The NUL case needs its length: the table above keeps C strings, so it is special-cased.
std::string smugglingBytes(const SmugglingCase &c)
{
    if (!c.bytes)
        return std::string("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\0 2\r\n\r\n", 42);
    return c.bytes;
}

const char *verdict(Parser &p, const SmugglingCase &c)
{
    p.reset(c.response);
    const std::string bytes = smugglingBytes(c);
    if (!p.feed(bytes.data(), bytes.size()))
        return "refused";
    return p.sink().messages > 0 ? "ACCEPTED" : "incomplete";
}

} // namespace

int main(int argc, char **argv)
{
    const std::vector<Input> all = inputs();
    if (argc == 5 && std::strcmp(argv[1], "--measure") == 0) {
        auto p = makeParser(argv[2]);
        const Input &in = all.at(size_t(std::atoi(argv[3])));
        p->reset(in.response);
        return measureLoop(p.get(), &in, std::atoi(argv[4])) < 0 ? 1 : 0;
    }
    int runs = 7;
    bool callgrind = std::system("valgrind --version >/dev/null 2>&1") == 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--no-callgrind") == 0)
            callgrind = false;
    }
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = 0;

    // Sanity: both parsers must see the same messages before their speed means anything.
    for (const Input &in : all) {
        for (const char *name : {"llhttp", "http_parser"}) {
            auto p = makeParser(name);
            p->reset(in.response);
            if (!p->feed(in.bytes.data(), in.bytes.size()) || p->sink().messages != 1) {
                std::fprintf(stderr, "%s does not parse input %s: %s\n", name, in.name,
                             p->lastError());
                return 1;
            }
        }
    }

    std::printf(
        "input          bytes  llhttp ns  http_parser ns  ratio   llhttp Ir  http_parser Ir  "
        "ratio\n");
    for (size_t i = 0; i < all.size(); ++i) {
        const Input &in = all[i];
        const double l = medianNs("llhttp", in, runs);
        const double h = medianNs("http_parser", in, runs);
        std::printf("%-13s %6zu %10.1f %15.1f %6.2f", in.name, in.bytes.size(), l, h, h / l);
        if (callgrind) {
            const double li = instructionsPerMessage(self, "llhttp", int(i));
            const double hi = instructionsPerMessage(self, "http_parser", int(i));
            std::printf(" %11.0f %15.0f %6.2f", li, hi, hi / li);
        }
        std::printf("\n");
        std::fflush(stdout);
    }
    std::printf("(ns: median of %d runs of 20,000 messages; ratio = http_parser / llhttp; Ir = "
                "instructions per message, callgrind)\n\n",
                runs);

    auto ll = makeLlhttp();
    auto hp = makeHttpParser();
    int llRefused = 0, hpRefused = 0;
    std::printf("%-30s %-11s %-11s\n", "smuggling input", "llhttp", "http_parser");
    for (const SmugglingCase &c : smuggling) {
        const char *a = verdict(*ll, c);
        const char *b = verdict(*hp, c);
        llRefused += std::strcmp(a, "refused") == 0;
        hpRefused += std::strcmp(b, "refused") == 0;
        std::printf("%-30s %-11s %-11s\n", c.name, a, b);
    }
    const int total = int(sizeof smuggling / sizeof smuggling[0]);
    std::printf("refused: llhttp %d/%d, http_parser %d/%d\n", llRefused, total, hpRefused, total);
    return 0;
}
