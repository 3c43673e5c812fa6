#pragma once

#include "config/configloader.h"
#include "engine/enginecontroller.h"
#include "telemetry/requestrecord.h"

#include <QHash>
#include <QMainWindow>

#include <map>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QTableView;
class QTreeView;

namespace Gatehouse::Ui {

class ConfigEditor;
class FindBar;
class OutlineModel;
class ProblemsModel;
class ChartsView;
class EngineSession;
class HealthView;
class RequestLogView;
class RouteTesterView;
struct RequestRow;
class ValidationController;

// The main window: one config document in the editor, dockable panels around it. Lives in the
// GUI thread. Geometry, panel layout, the open file and recent files persist in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Loads a config file into the editor (after the unsaved-changes prompt); returns false and
    // tells the user why when it cannot be read or the user cancels.
    bool openFile(const QString &path);
    // Opens text as a new untitled document (examples, the demo).
    void openUntitled(const QString &title, const QByteArray &text);
    // Writes the document to path atomically (QSaveFile); false (and a message) on failure.
    bool saveTo(const QString &path);
    // Opens the built-in demo: the FGW article's config, its two backends started inside the
    // app and the article's index.html in the app's data directory, running in the engine.
    // When a demo port is taken, says so and offers free ports. Returns whether it runs.
    enum class DemoPorts { AskIfBusy, FreeIfBusy, AlwaysFree };
    bool openDemo(DemoPorts ports = DemoPorts::AskIfBusy);
    // Run (from stopped) or Apply (hot reload): refuses a config with errors, showing them, and
    // keeps the running config; returns whether the engine now runs this text.
    bool runConfig();
    void stopEngine();
    EngineSession *engine() const { return m_engine; }
    // Restores the files that were open when the app last quit; false when there were none.
    bool restoreSession();

    ConfigEditor *editor() const { return m_editor; }
    QString currentFile() const { return m_filePath; }
    FindBar *findBar() const { return m_findBar; }
    ProblemsModel *problems() const { return m_problemsModel; }
    OutlineModel *outline() const { return m_outlineModel; }
    QTreeView *outlineView() const { return m_outlineView; }
    RequestLogView *requestLog() const { return m_requestLog; }
    ChartsView *charts() const { return m_charts; }
    HealthView *health() const { return m_health; }
    RouteTesterView *routeTester() const { return m_routeTester; }
    // A batch of finished requests (ids interned in requestLog()->model()->pool()): feeds the
    // request log and the charts.
    void addTraffic(std::vector<RequestRow> &&rows);
    // A batch of the engine's request records, converted for the log, charts and health share.
    void addRecords(const std::vector<Core::RequestRecord> &records);
    // Selects the rule (the Match object) at `offset` of the config applied as `generation`;
    // when the editor text is no longer the text that was applied, says so instead (the
    // status bar) and returns false.
    bool revealRule(quint32 offset, quint64 generation);
    ValidationController *validation() const { return m_validation; }
    // Rewrites every legacy FGW shape to the current one as one undo step; returns how many
    // findings were migrated.
    int migrateLegacyKeys();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void retranslateUi();
    void updateTitle();
    void updateRecentMenu();
    void populateExamplesMenu();
    // Asks whether to save unsaved changes; false when the user cancelled.
    bool maybeSave();
    bool save();
    bool saveAs();
    void exportConfig(bool compact);
    // Opens the publish dialog on its Publish or History page (window-modal, not blocking).
    void showPublish(bool history);
    void showSettings();
    void showAbout();
    void createPanels();
    void showValidation();
    void updateEngineActions();
    // The listener indicator in the status bar and the Problems rows for listeners that could
    // not bind (cleared by an empty list).
    void showListenerStates(const std::vector<Core::EngineController::ListenerState> &states,
                            const Core::LoadResult &loaded);

    ConfigEditor *m_editor = nullptr;
    FindBar *m_findBar = nullptr;
    ValidationController *m_validation = nullptr;
    ProblemsModel *m_problemsModel = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    QTableView *m_problemsView = nullptr;
    QLabel *m_problemsSummary = nullptr;
    OutlineModel *m_outlineModel = nullptr;
    QTreeView *m_outlineView = nullptr;
    QDockWidget *m_outlineDock = nullptr;
    RequestLogView *m_requestLog = nullptr;
    QDockWidget *m_requestLogDock = nullptr;
    RouteTesterView *m_routeTester = nullptr;
    QDockWidget *m_routeTesterDock = nullptr;
    HealthView *m_health = nullptr;
    QDockWidget *m_healthDock = nullptr;
    ChartsView *m_charts = nullptr;
    QDockWidget *m_chartsDock = nullptr;
    bool m_syncingOutline = false;
    // The configs applied lately (by generation): their text and where each route is in it, so
    // request rows name their route and lead to it even across a reload.
    struct AppliedConfig
    {
        QByteArray text;
        QStringList routeNames;
        std::vector<std::pair<quint32, quint32>> routeSpans; // (offset, length) by routeId
    };
    std::map<quint64, AppliedConfig> m_applied;
    QHash<quint64, Core::CapturedHeads> m_pendingHeads; // for the next batch of records
    QString m_filePath;    // empty for untitled documents
    QString m_displayName; // file name, or the untitled document's title

    QMenu *m_fileMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_exportMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_exportPrettyAction = nullptr;
    QAction *m_exportCompactAction = nullptr;
    QAction *m_publishAction = nullptr;
    QAction *m_publishHistoryAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_replaceAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_migrateAction = nullptr;
    QAction *m_annotationsAction = nullptr;
    QAction *m_demoAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_stopAction = nullptr;
    QMenu *m_engineMenu = nullptr;
    class QToolBar *m_engineToolBar = nullptr;
    EngineSession *m_engine = nullptr;
    QLabel *m_engineStatus = nullptr;
    QLabel *m_listenerStatus = nullptr; // shown while listeners of the running config failed
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
};

} // namespace Gatehouse::Ui
