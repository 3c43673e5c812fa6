#pragma once

#include "config/diagnostic.h"

#include <QAbstractTableModel>
#include <QIcon>

namespace Gatehouse::Ui {

// The Problems list: one row per diagnostic of the current document, errors first, then by
// position. GUI thread. Replacing the whole list is one model reset (a validation result is a
// new snapshot, not an edit of the old one).
class ProblemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, MessageColumn, CodeColumn, LocationColumn, ColumnCount };
    enum Role { OffsetRole = Qt::UserRole + 1, LineRole, ColumnRole, CodeRole, SeverityRole };

    explicit ProblemsModel(QObject *parent = nullptr);

    void setDiagnostics(QList<Core::Diagnostic> diagnostics);
    // What the running engine found (listeners that could not bind): listed with the
    // validation findings until the engine stops or runs again; validation does not clear them.
    void setEngineProblems(QList<Core::Diagnostic> problems);
    const QList<Core::Diagnostic> &engineProblems() const { return m_engineProblems; }
    const QList<Core::Diagnostic> &diagnostics() const { return m_diagnostics; }
    const Core::Diagnostic *diagnosticAt(const QModelIndex &index) const;
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void rebuild();

    QList<Core::Diagnostic> m_validation;
    QList<Core::Diagnostic> m_engineProblems;
    QList<Core::Diagnostic> m_diagnostics; // both, errors first, then by position
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace Gatehouse::Ui
