// Benchmark: loading a large FGW config.json with ConfigLoader (parse + typed model +
// validation) against QJsonDocument::fromJson alone on the same bytes.
//
// Targets (issue 2): load time at most 3x fromJson, peak RSS growth while loading at most 4x
// the file size. Not a CTest test: timings on shared CI machines are noise. Run it with
// tests/bench/config_load.sh.
//
// Timing runs are interleaved (fromJson, load, fromJson, load, ...) in one process so both see
// the same machine state, and the medians are reported. Memory is measured in a fresh child
// process per variant (this binary with --rss), reading VmHWM from /proc/self/status before
// and after, so one variant's freed heap cannot hide the other's peak.

#include "config/configloader.h"
#include "config/jsonschemavalidator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace Gatehouse::Core;

namespace {

// The config a large FSM installation produces: one HTTP and one HTTPS port, 1,000 host
// names with 10 path routes each, 10,000 services of 10 endpoints each, some with health
// checks, stickiness and retries, and FGW's default chains. Pretty-printed with two spaces,
// as FSM and people write it.
QByteArray generateConfig(int services, int endpointsPerService)
{
    QByteArray out;
    out.reserve(qsizetype(services) * endpointsPerService * 70 + qsizetype(services) * 400);
    out += "{\n  \"Configs\": {\n    \"SocketTimeout\": 60,\n"
           "    \"HTTP1PerRequestLoadBalancing\": true\n  },\n"
           "  \"Listeners\": [\n"
           "    {\n      \"Protocol\": \"HTTP\",\n      \"Port\": 8080\n    },\n"
           "    {\n      \"Protocol\": \"TCP\",\n      \"Port\": 9000\n    }\n  ],\n"
           "  \"RouteRules\": {\n    \"8080\": {\n";
    const int routesPerHost = 10;
    const int hosts = (services + routesPerHost - 1) / routesPerHost;
    for (int h = 0; h < hosts; ++h) {
        out += "      \"app" + QByteArray::number(h) + ".example.com, www.app"
               + QByteArray::number(h)
               + ".example.com\": {\n        \"RouteType\": \"HTTP\",\n        \"Matches\": [\n";
        for (int r = 0; r < routesPerHost && h * routesPerHost + r < services; ++r) {
            const QByteArray svc = "svc-" + QByteArray::number(h * routesPerHost + r);
            out += "          {\n            \"Path\": {\n              \"Type\": \"Prefix\",\n"
                   "              \"Path\": \"/api/v"
                   + QByteArray::number(r)
                   + "/\"\n            },\n"
                     "            \"Methods\": [\"GET\", \"POST\"],\n"
                     "            \"BackendService\": {\n              \""
                   + svc
                   + "\": {\n                \"Weight\": 100\n              }\n            }\n"
                     "          }"
                   + (r + 1 < routesPerHost && h * routesPerHost + r + 1 < services ? ",\n" : "\n");
        }
        out += "        ]\n      }" + QByteArray(h + 1 < hosts ? ",\n" : "\n");
    }
    out += "    },\n    \"9000\": {\n      \"svc-0\": 50,\n      \"svc-1\": 50\n    }\n  },\n"
           "  \"Services\": {\n";
    for (int s = 0; s < services; ++s) {
        out += "    \"svc-" + QByteArray::number(s) + "\": {\n      \"Endpoints\": {\n";
        for (int e = 0; e < endpointsPerService; ++e) {
            out += "        \"10." + QByteArray::number(s / 250) + '.' + QByteArray::number(s % 250)
                   + '.' + QByteArray::number(e + 1)
                   + ":8080\": {\n          \"Weight\": 100\n        }"
                   + (e + 1 < endpointsPerService ? ",\n" : "\n");
        }
        out += "      },\n      \"Algorithm\": \"RoundRobinLoadBalancer\"";
        if (s % 10 == 0)
            out += ",\n      \"HealthCheck\": {\n        \"Interval\": 5,\n        \"MaxFails\": "
                   "3,\n"
                   "        \"Path\": \"/healthz\",\n        \"Matches\": [\n          {\n"
                   "            \"StatusCodes\": [200]\n          }\n        ]\n      }";
        if (s % 25 == 0)
            out += ",\n      \"StickyCookieName\": \"_srv_id\",\n      \"StickyCookieExpires\": "
                   "3600";
        if (s % 20 == 0)
            out += ",\n      \"Retry\": {\n        \"RetryOn\": \"5xx\",\n        \"NumRetries\": "
                   "2,\n"
                   "        \"BackoffBaseInterval\": 0.2\n      }";
        out += "\n    }" + QByteArray(s + 1 < services ? ",\n" : "\n");
    }
    out += "  },\n  \"Chains\": {\n"
           "    \"HTTPRoute\": [\n"
           "      \"common/access-control.js\", \"common/ratelimit.js\", \"common/consumer.js\",\n"
           "      \"http/codec.js\", \"http/access-log.js\", \"http/auth.js\", \"http/route.js\",\n"
           "      \"http/fault-injection.js\", \"http/service.js\", \"http/metrics.js\",\n"
           "      \"http/tracing.js\", \"http/logging.js\", \"http/circuit-breaker.js\",\n"
           "      \"http/throttle-domain.js\", \"http/throttle-route.js\", "
           "\"http/error-page.js\",\n"
           "      \"http/proxy-redirect.js\", \"filter/request-redirect.js\",\n"
           "      \"filter/header-modifier.js\", \"filter/url-rewrite.js\",\n"
           "      \"filter/request-mirror.js\", \"http/forward.js\", \"http/default.js\"\n"
           "    ],\n"
           "    \"TCPRoute\": [\"common/access-control.js\", \"common/ratelimit.js\", "
           "\"tcp/forward.js\"]\n"
           "  },\n  \"Version\": \"1\"\n}\n";
    return out;
}

qint64 statusKiB(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Child mode: load the file once with one variant and print "<hwm growth bytes>".
int measureRss(const QString &variant, const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 2;
    const QByteArray text = f.readAll();
    const qint64 before = statusKiB("VmHWM");
    qint64 errors = 0;
    if (variant == QLatin1StringView("qjson")) {
        const QJsonDocument doc = QJsonDocument::fromJson(text);
        errors = doc.isNull();
        const qint64 after = statusKiB("VmHWM");
        std::printf("%lld %lld\n", (after - before) * 1024, errors);
    } else if (variant == QLatin1StringView("parse")) {
        const auto parsed = JsonDocument::parse(text);
        errors = !parsed.ok();
        const qint64 after = statusKiB("VmHWM");
        std::printf("%lld %lld %zu\n", (after - before) * 1024, errors,
                    parsed.ok() ? parsed.document->nodeCount() : 0);
    } else {
        const LoadResult r = ConfigLoader::load(text);
        errors = r.hasErrors();
        const qint64 after = statusKiB("VmHWM");
        std::printf("%lld %lld\n", (after - before) * 1024, errors);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times ConfigLoader::load against QJsonDocument::fromJson on a generated config."));
    parser.addHelpOption();
    QCommandLineOption servicesOpt(QStringLiteral("services"), QStringLiteral("Services."),
                                   QStringLiteral("n"), QStringLiteral("10000"));
    QCommandLineOption endpointsOpt(QStringLiteral("endpoints"),
                                    QStringLiteral("Endpoints per service."), QStringLiteral("n"),
                                    QStringLiteral("10"));
    QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Timed runs per variant."),
                               QStringLiteral("n"), QStringLiteral("7"));
    QCommandLineOption rssOpt(QStringLiteral("rss"),
                              QStringLiteral("Internal: measure one variant's peak RSS growth."),
                              QStringLiteral("qjson|parse|load"));
    QCommandLineOption saveOpt(QStringLiteral("save"),
                               QStringLiteral("Also write the generated config to this file."),
                               QStringLiteral("file"));
    parser.addOptions({servicesOpt, endpointsOpt, runsOpt, rssOpt, saveOpt});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Config (with --rss)."));
    parser.process(app);
    if (parser.isSet(rssOpt))
        return measureRss(parser.value(rssOpt), parser.positionalArguments().value(0));

    QTextStream out(stdout);
    const QByteArray text
        = generateConfig(parser.value(servicesOpt).toInt(), parser.value(endpointsOpt).toInt());
    out << "config: " << parser.value(servicesOpt) << " services x " << parser.value(endpointsOpt)
        << " endpoints, " << QString::number(text.size() / 1e6, 'f', 1) << " MB\n";
    {
        const LoadResult check = ConfigLoader::load(text);
        int errors = 0, warnings = 0;
        for (const Diagnostic &d : check.diagnostics) {
            errors += d.severity == Severity::Error;
            warnings += d.severity == Severity::Warning;
            if (d.severity == Severity::Error && errors <= 3)
                out << "  " << d.format(QStringLiteral("generated.json")) << '\n';
        }
        out << "loader: " << errors << " errors, " << warnings << " warnings, "
            << (check.config ? check.config->services.size() : 0) << " services\n";
        if (errors)
            return 1;
    }
    QTemporaryDir dir;
    const QString path = parser.isSet(saveOpt) ? parser.value(saveOpt)
                                               : dir.filePath(QStringLiteral("config.json"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            return 2;
    }
    out.flush();

    const int runs = std::max(5, parser.value(runsOpt).toInt());
    QList<double> qjson, load;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        {
            const QJsonDocument doc = QJsonDocument::fromJson(text);
            if (doc.isNull())
                return 1;
        }
        qjson << t.nsecsElapsed() / 1e6;
        t.start();
        {
            const LoadResult r = ConfigLoader::load(text);
            if (!r.config)
                return 1;
        }
        load << t.nsecsElapsed() / 1e6;
    }
    const double mq = median(qjson), ml = median(load);
    out << "QJsonDocument::fromJson  median " << QString::number(mq, 'f', 1) << " ms (" << runs
        << " runs)\n";
    out << "ConfigLoader::load       median " << QString::number(ml, 'f', 1) << " ms\n";
    out << "time ratio load/fromJson " << QString::number(ml / mq, 'f', 2) << "  (target <= 3)\n";

    // For information (no target): the editor may check the schema as the user types.
    {
        QFile schemaFile(QStringLiteral(":/schema/config.schema.json"));
        const auto schema = schemaFile.open(QIODevice::ReadOnly)
                                ? JsonDocument::parse(schemaFile.readAll()).document
                                : nullptr;
        const auto validator = JsonSchemaValidator::create(schema);
        const auto doc = JsonDocument::parse(text).document;
        if (validator && doc) {
            QList<double> times;
            qsizetype findings = 0;
            for (int i = 0; i < runs; ++i) {
                QElapsedTimer t;
                t.start();
                findings = validator->validate(doc->root()).size();
                times << t.nsecsElapsed() / 1e6;
            }
            out << "JSON Schema validation   median " << QString::number(median(times), 'f', 1)
                << " ms, " << findings << " findings (information only)\n";
            out.flush();
        }
    }

    const auto rss = [&](const QString &variant) -> double {
        QList<double> samples;
        for (int i = 0; i < 3; ++i) {
            QProcess p;
            p.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--rss"), variant, path});
            if (!p.waitForFinished(300000) || p.exitCode() != 0)
                return -1;
            samples << p.readAllStandardOutput().split(' ').first().toDouble();
        }
        return median(samples);
    };
    const double rq = rss(QStringLiteral("qjson")), rp = rss(QStringLiteral("parse")),
                 rl = rss(QStringLiteral("load"));
    out << "peak RSS growth fromJson " << QString::number(rq / 1e6, 'f', 1)
        << " MB = " << QString::number(rq / text.size(), 'f', 2) << "x file\n";
    out << "  of which JsonDocument  " << QString::number(rp / 1e6, 'f', 1)
        << " MB = " << QString::number(rp / text.size(), 'f', 2) << "x file\n";
    out << "peak RSS growth load     " << QString::number(rl / 1e6, 'f', 1)
        << " MB = " << QString::number(rl / text.size(), 'f', 2) << "x file  (target <= 4)\n";
    const bool ok = ml / mq <= 3.0 && rl / text.size() <= 4.0;
    out << (ok ? "targets met\n" : "TARGET MISSED\n");
    return ok ? 0 : 3;
}
