#include "problemsmodel.h"

#include <QApplication>
#include <QStyle>

#include <algorithm>

namespace Gatehouse::Ui {

using Core::Diagnostic;
using Core::Severity;

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ProblemsModel::setDiagnostics(QList<Diagnostic> diagnostics)
{
    m_validation = std::move(diagnostics);
    rebuild();
}

void ProblemsModel::setEngineProblems(QList<Diagnostic> problems)
{
    if (problems.isEmpty() && m_engineProblems.isEmpty())
        return;
    m_engineProblems = std::move(problems);
    rebuild();
}

void ProblemsModel::rebuild()
{
    QList<Diagnostic> diagnostics = m_validation + m_engineProblems;
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic &a, const Diagnostic &b) {
                         if (a.severity != b.severity)
                             return a.severity < b.severity; // Error < Warning < Info
                         return a.offset < b.offset;
                     });
    beginResetModel();
    m_diagnostics = std::move(diagnostics);
    m_errors = int(std::count_if(m_diagnostics.cbegin(), m_diagnostics.cend(),
                                 [](const Diagnostic &d) { return d.severity == Severity::Error; }));
    m_warnings = int(std::count_if(m_diagnostics.cbegin(), m_diagnostics.cend(),
                                   [](const Diagnostic &d) { return d.severity == Severity::Warning; }));
    endResetModel();
}

const Diagnostic *ProblemsModel::diagnosticAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_diagnostics.size())
        return nullptr;
    return &m_diagnostics.at(index.row());
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diagnostics.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    const Diagnostic *d = diagnosticAt(index);
    if (!d)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return d->severity == Severity::Error     ? tr("Error")
                   : d->severity == Severity::Warning ? tr("Warning")
                                                      : tr("Note");
        case MessageColumn:
            return d->message;
        case CodeColumn:
            return d->code;
        case LocationColumn:
            return tr("Line %1, column %2").arg(d->position.line).arg(d->position.column);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn) {
            const auto icon = d->severity == Severity::Error     ? QStyle::SP_MessageBoxCritical
                              : d->severity == Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                                 : QStyle::SP_MessageBoxInformation;
            return QApplication::style()->standardIcon(icon);
        }
        break;
    case Qt::ToolTipRole:
        return d->fixes.isEmpty() ? d->message
                                  : tr("%1\nQuick fix: %2").arg(d->message, d->fixes.constFirst().title);
    case OffsetRole:
        return d->offset;
    case LineRole:
        return d->position.line;
    case ColumnRole:
        return d->position.column;
    case CodeRole:
        return d->code;
    case SeverityRole:
        return int(d->severity);
    }
    return {};
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case MessageColumn:
        return tr("Message");
    case CodeColumn:
        return tr("Code");
    case LocationColumn:
        return tr("Location");
    }
    return {};
}

} // namespace Gatehouse::Ui
