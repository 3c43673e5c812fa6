#include "checkcommand.h"

#include "configloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace Gatehouse::Core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::CheckCommand)
};
} // namespace

int CheckCommand::run(const QStringList &files, QTextStream &out, QTextStream &err)
{
    int errors = 0;
    int warnings = 0;
    for (const QString &fileName : files) {
        // "-" reads standard input, as linters do, so editors can pipe an unsaved buffer.
        QFile file;
        const bool stdIn = fileName == u"-";
        const bool opened = stdIn ? file.open(stdin, QIODevice::ReadOnly)
                                  : (file.setFileName(fileName), file.open(QIODevice::ReadOnly));
        if (!opened) {
            // Same shape as a finding, so tools that parse the output see it too.
            out << Tr::tr("%1: error: cannot read the file: %2 [unreadable-file]")
                       .arg(fileName, file.errorString())
                << '\n';
            ++errors;
            continue;
        }
        const LoadResult result = ConfigLoader::load(file.readAll());
        for (const Diagnostic &d : result.diagnostics) {
            out << d.format(stdIn ? QStringLiteral("<stdin>") : fileName) << '\n';
            if (d.severity == Severity::Error)
                ++errors;
            else if (d.severity == Severity::Warning)
                ++warnings;
        }
    }
    out.flush();
    err << Tr::tr("%n file(s) checked: ", nullptr, int(files.size()))
        << Tr::tr("%n error(s), ", nullptr, errors) << Tr::tr("%n warning(s)", nullptr, warnings)
        << '\n';
    err.flush();
    if (errors > 0)
        return Errors;
    return warnings > 0 ? WarningsOnly : Clean;
}

} // namespace Gatehouse::Core
