// gatehouse-proxy: the headless engine and its tools. Wiring only: each subcommand parses its
// own arguments and calls into core/.
#include "config/checkcommand.h"
#include "repo/pullruncommand.h"
#include "repo/repocommand.h"
#include "engine/runcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QTranslator>

#include <iterator>
#include <type_traits>

namespace {

using namespace Qt::StringLiterals;

// Exit code for a command line that cannot be understood (same as `check` finding errors: the
// run did not succeed).
constexpr int UsageError = 2;

QString tr(const char *text)
{
    return QCoreApplication::translate("gatehouse-proxy", text);
}

int runCheck(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Validate FGW config.json files. Prints FILE:LINE:COL: error|warning: message [code]\n"
           "for each finding and a summary on stderr. Exit status: 0 clean, 1 warnings only,\n"
           "2 errors (or an unreadable file)."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"FILE"_s,
                                 tr("config.json files to check (\"-\" reads standard input)."),
                                 u"FILE [FILE...]"_s);
    parser.process(arguments);
    const QStringList files = parser.positionalArguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (files.isEmpty()) {
        err << tr("check: no file given.") << '\n' << parser.helpText();
        return UsageError;
    }
    return Gatehouse::Core::CheckCommand::run(files, out, err);
}

// The repo commands print on stdout/stderr and return RepoCommand's exit codes.
template <int (*Run)(const QStringList &, QTextStream &, QTextStream &)>
int runRepo(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    return Run(arguments, out, err);
}

// run/demo share their options.
int runEngine(const QStringList &arguments, bool demo)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        demo ? tr("Run the seed article end to end: both demo backends (8081, 8082), the\n"
                  "article's config (ports 8000 and 8080) and a static root with its index.html.")
             : tr("Run the engine with CONFIG until interrupted. Prints listener state, features\n"
                  "that are configured but not active, and health transitions."));
    parser.addHelpOption();
    const QCommandLineOption threads(u"threads"_s, tr("Worker threads (default: one per core)."),
                                     u"N"_s);
    const QCommandLineOption admin(u"admin-port"_s,
                                   tr("Serve /metrics and /healthz on this port."), u"P"_s);
    const QCommandLineOption poll(u"poll-interval"_s,
                                  tr("With a repo URL or directory: seconds between checks (default 5)."),
                                  u"SECONDS"_s, u"5"_s);
    parser.addOption(threads);
    parser.addOption(admin);
    parser.addOption(poll);
    const Gatehouse::Core::EngineLimits defaults;
    const QCommandLineOption maxConnections(
        u"max-connections"_s,
        tr("Client connections per worker thread; more are closed at accept (default %1).")
            .arg(defaults.maxConnectionsPerWorker),
        u"N"_s);
    const QCommandLineOption headTimeout(
        u"header-timeout"_s,
        tr("Seconds to receive a whole request head from its first byte; then 408 (default %1).")
            .arg(defaults.requestHeadTimeoutMs / 1000),
        u"SECONDS"_s);
    const QCommandLineOption maxRequestLine(
        u"max-request-line"_s,
        tr("Longest request target in bytes; longer is 414 (default %1).")
            .arg(defaults.maxRequestLine),
        u"BYTES"_s);
    const QCommandLineOption maxHeaderLine(
        u"max-header-line"_s,
        tr("Longest request header line in bytes; longer is 431 (default %1).")
            .arg(defaults.maxHeaderLine),
        u"BYTES"_s);
    const QCommandLineOption maxRequestHead(
        u"max-request-head"_s,
        tr("Largest request head in bytes; larger is 431 (default %1).")
            .arg(defaults.maxRequestHead),
        u"BYTES"_s);
    const QCommandLineOption maxResponseHead(
        u"max-response-head"_s,
        tr("Largest upstream response head in bytes; larger is 502 (default %1).")
            .arg(defaults.maxResponseHead),
        u"BYTES"_s);
    const QCommandLineOption connectTimeout(
        u"upstream-connect-timeout"_s,
        tr("Seconds to connect to an upstream; then 504. SocketTimeout wins when set (default %1).")
            .arg(defaults.upstreamConnectTimeoutMs / 1000),
        u"SECONDS"_s);
    const QCommandLineOption responseTimeout(
        u"upstream-response-timeout"_s,
        tr("Seconds an upstream may stay silent while a request waits; then 504. SocketTimeout "
           "wins when set (default %1).")
            .arg(defaults.upstreamResponseTimeoutMs / 1000),
        u"SECONDS"_s);
    parser.addOptions({maxConnections, headTimeout, maxRequestLine, maxHeaderLine, maxRequestHead,
                       maxResponseHead, connectTimeout, responseTimeout});
    if (!demo)
        parser.addPositionalArgument(u"CONFIG"_s,
                                     tr("The config.json to run, or a repo to pull from: a codebase "
                                        "URL (http://host:6060/repo/local/fgw/) or a repo directory."));
    parser.process(arguments);
    Gatehouse::Core::RunCommand::Options options;
    options.threads = parser.value(threads).toInt();
    // Limits: positive numbers only; anything else is a usage error naming the flag.
    QString badFlag;
    auto seconds = [&](const QCommandLineOption &o, int &ms) {
        if (!parser.isSet(o))
            return;
        bool ok = false;
        const double v = parser.value(o).toDouble(&ok);
        if (!ok || v <= 0 || v > 86400)
            badFlag = o.names().constFirst();
        else
            ms = qMax(1, int(v * 1000));
    };
    auto count = [&](const QCommandLineOption &o, auto &n) {
        if (!parser.isSet(o))
            return;
        bool ok = false;
        const qlonglong v = parser.value(o).toLongLong(&ok);
        if (!ok || v <= 0 || v > 1 << 30)
            badFlag = o.names().constFirst();
        else
            n = std::remove_reference_t<decltype(n)>(v);
    };
    Gatehouse::Core::EngineLimits &limits = options.limits;
    count(maxConnections, limits.maxConnectionsPerWorker);
    seconds(headTimeout, limits.requestHeadTimeoutMs);
    count(maxRequestLine, limits.maxRequestLine);
    count(maxHeaderLine, limits.maxHeaderLine);
    count(maxRequestHead, limits.maxRequestHead);
    count(maxResponseHead, limits.maxResponseHead);
    seconds(connectTimeout, limits.upstreamConnectTimeoutMs);
    seconds(responseTimeout, limits.upstreamResponseTimeoutMs);
    if (!badFlag.isEmpty()) {
        QTextStream(stderr) << tr("--%1: give a positive number.").arg(badFlag) << '\n';
        return UsageError;
    }
    options.adminPort = parser.isSet(admin) ? parser.value(admin).toInt() : -1;
    if (demo)
        return Gatehouse::Core::RunCommand::demo(options);
    if (parser.positionalArguments().size() != 1) {
        QTextStream(stderr) << tr("run: give exactly one CONFIG.") << '\n' << parser.helpText();
        return UsageError;
    }
    options.configPath = parser.positionalArguments().constFirst();
    if (Gatehouse::Core::PullRunCommand::isRepoTarget(options.configPath)) {
        Gatehouse::Core::PullRunCommand::Options pull;
        pull.target = options.configPath;
        pull.threads = options.threads;
        pull.limits = options.limits;
        pull.adminPort = options.adminPort;
        pull.pollIntervalMs = int(qMax(0.1, parser.value(poll).toDouble()) * 1000);
        return Gatehouse::Core::PullRunCommand::run(pull);
    }
    return Gatehouse::Core::RunCommand::run(options);
}

int runRun(const QStringList &arguments)
{
    return runEngine(arguments, false);
}

int runDemo(const QStringList &arguments)
{
    return runEngine(arguments, true);
}

struct Command
{
    QLatin1StringView name;
    const char *summary;
    int (*run)(const QStringList &arguments); // arguments[0] is "gatehouse-proxy <name>"
};

// Add subcommands here (run, demo, ...).
const Command s_commands[] = {
    {"check"_L1, QT_TRANSLATE_NOOP("gatehouse-proxy", "Validate FGW config.json files"), runCheck},
    {"publish"_L1, QT_TRANSLATE_NOOP("gatehouse-proxy", "Publish a config to a repo"),
     runRepo<Gatehouse::Core::RepoCommand::publish>},
    {"pull"_L1, QT_TRANSLATE_NOOP("gatehouse-proxy", "Download a repo's current config"),
     runRepo<Gatehouse::Core::RepoCommand::pull>},
    {"history"_L1, QT_TRANSLATE_NOOP("gatehouse-proxy", "List a repo's versions"),
     runRepo<Gatehouse::Core::RepoCommand::history>},
    {"rollback"_L1, QT_TRANSLATE_NOOP("gatehouse-proxy", "Publish an earlier version again"),
     runRepo<Gatehouse::Core::RepoCommand::rollback>},
    {"repo"_L1, QT_TRANSLATE_NOOP("gatehouse-proxy", "Serve a Pipy-compatible repo"),
     runRepo<Gatehouse::Core::RepoCommand::serve>},
    {"run"_L1, QT_TRANSLATE_NOOP("gatehouse-proxy", "Run the engine with a config.json"), runRun},
    {"demo"_L1, QT_TRANSLATE_NOOP("gatehouse-proxy", "Run the seed article end to end"), runDemo},
};

} // namespace

int main(int argc, char *argv[])
{
    // Qt's plain UNIX event dispatcher instead of glib's: the engine's worker loops wake up on
    // every batch of socket events, and glib's extra wake-up machinery measurably costs there
    // (10-15% of proxy throughput in the prototype). Must be set before the application exists.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"gatehouse-proxy"_s);
    QCoreApplication::setOrganizationName(u"Gatehouse"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(GATEHOUSE_VERSION));
    // The CLI speaks English whatever the locale (scripts read its output), with English
    // plural forms: "1 file checked: 0 errors, 1 warning", not "1 file(s) ... 1 warning(s)".
    QTranslator english;
    if (english.load(u":/i18n/gatehouse_en.qm"_s))
        QCoreApplication::installTranslator(&english);

    QString description = tr("Gatehouse headless engine and tools.") + u"\n\n"_s + tr("Commands:");
    for (const Command &c : s_commands)
        description += u"\n  "_s + QString(c.name).leftJustified(10) + tr(c.summary);
    description += u"\n\n"_s + tr("Run 'gatehouse-proxy COMMAND --help' for a command's options.");

    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, tr("The command to run."), u"COMMAND [ARGS...]"_s);
    // Everything after the command belongs to the command's own parser.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    QTextStream err(stderr);
    if (positional.isEmpty()) {
        err << tr("No command given.") << '\n' << parser.helpText();
        return UsageError;
    }
    const QString name = positional.first();
    for (const Command &c : s_commands) {
        if (name == c.name) {
            QStringList arguments = positional.mid(1);
            arguments.prepend(QCoreApplication::applicationName() + u' ' + name);
            return c.run(arguments);
        }
    }
    err << tr("Unknown command \"%1\". Run 'gatehouse-proxy --help' for the list.").arg(name)
        << '\n';
    return UsageError;
}
