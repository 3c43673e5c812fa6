#pragma once

#include "controllers/publishcontroller.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMessageBox;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace Gatehouse::Ui {

class DiffView;

// Publish the editor's config to a local repo directory or a Pipy repo codebase, and browse,
// open and roll back the target's published versions.
//
// Publish page: reads what the target publishes now (off the GUI thread), shows the semantic
// diff (ConfigDiff) and the text diff of the editor's config against it, refuses a config with
// errors, and publishes only when the user presses Publish, and only if the target is still at
// the version that was compared (else it shows the conflict and the new diff). The result names
// the new version, or the exact error and that the target was left as it was.
// History page: the target's versions, each one's text and diff with the one before, rollback
// (after a confirmation that names the version) and "Open in Editor".
//
// Lives in: the GUI thread. Nothing is written anywhere before the user presses Publish or
// confirms a rollback (the recent targets in QSettings excepted).
class PublishDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Page { Publish, History };

    // `configText`: the editor's document; `configFile`: its file (static files of relative
    // ServerRoots are published from beside it), empty for an untitled document.
    PublishDialog(const QByteArray &configText,
                  const QString &configFile,
                  QWidget *parent = nullptr);

    PublishController *controller() const { return m_controller; }
    void showPage(Page page);

signals:
    // The user chose "Open in Editor" for a published version.
    void openInEditorRequested(const QByteArray &text, const QString &title);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    PublishTarget targetFromFields() const;
    void setFields(const PublishTarget &target);
    void updateKind();
    void targetEdited();
    void rememberTarget(const PublishTarget &target);
    void fillRecent();
    void setBusy(bool busy, const QString &status = QString());
    void updateButtons();

    // Publish page
    void compareWithTarget(bool keepResult = false);
    void showComparison(const PublishController::Comparison &comparison);
    void publish();
    void
    showPublishResult(const Core::PublishResult &result, const QString &warning, bool rollback);

    // History page
    void loadHistory();
    void showHistory(const PublishController::History &history);
    void versionSelected();
    void confirmRollback();
    void openSelectedInEditor();
    QString selectedVersion() const;

    QByteArray m_configText;
    QString m_configFile;
    PublishController *m_controller;

    QComboBox *m_recent;
    QLabel *m_recentLabel;
    QRadioButton *m_localRadio;
    QRadioButton *m_remoteRadio;
    QStackedWidget *m_targetStack;
    QLabel *m_directoryLabel;
    QLineEdit *m_directory;
    QPushButton *m_browse;
    QLabel *m_serverLabel;
    QLineEdit *m_server;
    QLabel *m_codebaseLabel;
    QLineEdit *m_codebase;
    QLabel *m_tokenLabel;
    QLineEdit *m_token;
    QCheckBox *m_rememberToken;
    QLabel *m_status;
    QTabWidget *m_tabs;

    QLabel *m_errorsLabel;
    QListWidget *m_errors;
    QLabel *m_summary;
    QTreeWidget *m_changes;
    DiffView *m_textDiff;
    QLabel *m_messageLabel;
    QLineEdit *m_message;

    QTreeWidget *m_history;
    QTabWidget *m_versionTabs;
    DiffView *m_versionText;
    DiffView *m_versionDiff;
    QPushButton *m_rollback;
    QPushButton *m_openInEditor;
    QPushButton *m_refreshHistory;

    QLabel *m_result;
    QPushButton *m_compare;
    QPushButton *m_publish;
    QPushButton *m_close;
    QMessageBox *m_confirm = nullptr;

    PublishTarget m_target; // the target the snapshot and the history belong to
    std::optional<PublishController::Snapshot> m_snapshot;
    std::optional<PublishController::Comparison> m_comparison;
    std::optional<PublishController::History> m_historyData;
    QByteArray m_versionTextBytes;
    quint64 m_generation = 0; // results of an older target or request are dropped
    bool m_busy = false;
};

} // namespace Gatehouse::Ui
