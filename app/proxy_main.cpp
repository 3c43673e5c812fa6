// gatehouse-proxy: the headless engine and its tools. Wiring only: each subcommand parses its
// own arguments and calls into core/.
#include "config/checkcommand.h"
#include "repo/repocommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <iterator>

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
    parser.addPositionalArgument(u"FILE"_s, tr("config.json files to check."), u"FILE [FILE...]"_s);
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
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"gatehouse-proxy"_s);
    QCoreApplication::setOrganizationName(u"Gatehouse"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(GATEHOUSE_VERSION));

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
