#include "mainwindow.h"

#include "appsettings.h"
#include "config/configloader.h"
#include "config/jsondocument.h"
#include "controllers/enginesession.h"
#include "controllers/validationcontroller.h"
#include "engine/demobackend.h"
#include "dialogs/publishdialog.h"
#include "dialogs/settingsdialog.h"
#include "models/outlinemodel.h"
#include "models/problemsmodel.h"
#include "models/requestlogmodel.h"
#include "models/endpointhealthmodel.h"
#include "views/chartsview.h"
#include "engine/compiledconfig.h"
#include "views/healthview.h"
#include "views/routetesterview.h"
#include "views/requestlogview.h"
#include "theme.h"
#include "widgets/configeditor.h"
#include "widgets/findbar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTreeView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QHostAddress>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

using Core::JsonDocument;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_editor = new ConfigEditor(central);
    m_findBar = new FindBar(m_editor, central);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_findBar);
    setCentralWidget(central);
    setAcceptDrops(true);
    m_editor->applyTheme(Theme::isDark());

    m_validation = new ValidationController(this);
    m_validation->setSource([this] { return m_editor->utf8Text(); });
    connect(m_editor, &QsciScintilla::textChanged, m_validation, &ValidationController::textChanged);
    connect(m_validation, &ValidationController::validated, this, &MainWindow::showValidation);
    connect(m_editor, &ConfigEditor::quickFixApplied, this, [this](const QString &title) {
        statusBar()->showMessage(tr("Applied: %1").arg(title), 5000);
    });

    m_engine = new EngineSession(this);
    connect(m_engine, &EngineSession::heads, this,
            [this](std::shared_ptr<const std::vector<Core::CapturedHeads>> heads) {
                for (const Core::CapturedHeads &h : *heads)
                    m_pendingHeads.insert(h.key, h);
            });
    connect(m_engine, &EngineSession::records, this,
            [this](std::shared_ptr<const std::vector<Core::RequestRecord>> batch) { addRecords(*batch); });
    connect(m_engine, &EngineSession::recordsDropped, this, [this](quint64 n) { m_requestLog->model()->addLost(n); });
    connect(m_engine, &EngineSession::healthChanged, this,
            [this](const QString &service, const QString &endpoint, bool healthy, const QString &line) {
                Core::HealthTransition t;
                t.service = service;
                t.endpoint = endpoint;
                t.from = healthy ? Core::HealthState::Unhealthy : Core::HealthState::Healthy;
                t.to = healthy ? Core::HealthState::Healthy : Core::HealthState::Unhealthy;
                t.atMs = QDateTime::currentMSecsSinceEpoch();
                m_health->model()->addTransition(t);
                m_health->model()->refresh();
                statusBar()->showMessage(line, 10000);
            });

    createPanels();
    createActions();
    createMenus();
    retranslateUi();

    connect(m_editor, &QsciScintilla::modificationChanged, this, &QWidget::setWindowModified);
    connect(m_editor, &ConfigEditor::filesDropped, this, [this](const QStringList &paths) {
        openFile(paths.constFirst());
    });

    resize(1400, 900);
    // First-run proportions: the editor keeps most of the width, the panels stay readable.
    resizeDocks({m_outlineDock, m_healthDock}, {260, 520}, Qt::Horizontal);
    resizeDocks({m_problemsDock}, {300}, Qt::Vertical);
    restoreGeometry(AppSettings::windowGeometry());
    restoreState(AppSettings::windowState());
    m_displayName = tr("Untitled");
    updateTitle();
}

void MainWindow::createPanels()
{
    m_problemsModel = new ProblemsModel(this);
    m_problemsView = new QTableView(this);
    m_problemsView->setModel(m_problemsModel);
    m_problemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problemsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_problemsView->setShowGrid(false);
    m_problemsView->setWordWrap(false);
    m_problemsView->verticalHeader()->hide();
    m_problemsView->verticalHeader()->setDefaultSectionSize(m_problemsView->fontMetrics().height() + 6);
    m_problemsView->horizontalHeader()->setSectionResizeMode(ProblemsModel::MessageColumn, QHeaderView::Stretch);
    m_problemsView->horizontalHeader()->setSectionResizeMode(ProblemsModel::SeverityColumn, QHeaderView::ResizeToContents);
    m_problemsView->horizontalHeader()->setSectionResizeMode(ProblemsModel::CodeColumn, QHeaderView::ResizeToContents);
    m_problemsView->horizontalHeader()->setSectionResizeMode(ProblemsModel::LocationColumn, QHeaderView::ResizeToContents);
    m_problemsView->horizontalHeader()->setSectionsMovable(true);
    auto jump = [this](const QModelIndex &index) {
        if (const Core::Diagnostic *d = m_problemsModel->diagnosticAt(index))
            m_editor->goToOffset(d->offset);
    };
    connect(m_problemsView, &QAbstractItemView::activated, this, jump);
    connect(m_problemsView, &QAbstractItemView::doubleClicked, this, jump);

    m_problemsDock = new QDockWidget(this);
    m_problemsDock->setObjectName(QStringLiteral("ProblemsDock")); // for saveState()
    m_problemsDock->setWidget(m_problemsView);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);

    m_problemsSummary = new QLabel(this);
    statusBar()->addPermanentWidget(m_problemsSummary);
    m_engineStatus = new QLabel(tr("Stopped"), this);
    statusBar()->addPermanentWidget(m_engineStatus);
    m_listenerStatus = new QLabel(this);
    m_listenerStatus->setObjectName(QStringLiteral("ListenerStatus"));
    m_listenerStatus->hide();
    statusBar()->addPermanentWidget(m_listenerStatus);

    m_requestLog = new RequestLogView(this);
    m_requestLogDock = new QDockWidget(this);
    m_requestLogDock->setObjectName(QStringLiteral("RequestLogDock"));
    m_requestLogDock->setWidget(m_requestLog);
    addDockWidget(Qt::BottomDockWidgetArea, m_requestLogDock);
    tabifyDockWidget(m_problemsDock, m_requestLogDock);
    m_problemsDock->raise();
    connect(m_requestLog, &RequestLogView::revealRequested, this, &MainWindow::revealRule);
    m_charts = new ChartsView(this);
    m_chartsDock = new QDockWidget(this);
    m_chartsDock->setObjectName(QStringLiteral("ChartsDock"));
    m_chartsDock->setWidget(m_charts);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);
    tabifyDockWidget(m_requestLogDock, m_chartsDock);
    m_problemsDock->raise();
    connect(m_requestLog->model(), &QAbstractItemModel::modelReset, m_charts, &ChartsView::clear);

    m_routeTester = new RouteTesterView(this);
    m_routeTesterDock = new QDockWidget(this);
    m_routeTesterDock->setObjectName(QStringLiteral("RouteTesterDock"));
    m_routeTesterDock->setWidget(m_routeTester);
    addDockWidget(Qt::BottomDockWidgetArea, m_routeTesterDock);
    tabifyDockWidget(m_chartsDock, m_routeTesterDock);
    m_problemsDock->raise();
    m_routeTester->setConfigProvider([this]() -> std::shared_ptr<const Core::CompiledConfig> {
        if (auto running = m_engine->compiledConfig())
            return running;
        // Not running: explain against the editor's config as the engine would compile it.
        const auto parsed = Core::JsonDocument::parse(m_editor->utf8Text());
        if (!parsed.ok() || Core::ConfigLoader::load(m_editor->utf8Text()).hasErrors())
            return nullptr;
        const QString dir = m_filePath.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                                 : QFileInfo(m_filePath).absolutePath();
        return Core::CompiledConfig::compile(*parsed.document, dir).config;
    });

    m_health = new HealthView(this);
    m_healthDock = new QDockWidget(this);
    m_healthDock->setObjectName(QStringLiteral("HealthDock"));
    m_healthDock->setWidget(m_health);
    addDockWidget(Qt::RightDockWidgetArea, m_healthDock);

    m_outlineModel = new OutlineModel(this);
    m_outlineView = new QTreeView(this);
    m_outlineView->setModel(m_outlineModel);
    m_outlineView->setUniformRowHeights(true);
    m_outlineView->setHeaderHidden(false);
    m_outlineView->header()->setSectionResizeMode(OutlineModel::NameColumn, QHeaderView::ResizeToContents);
    m_outlineDock = new QDockWidget(this);
    m_outlineDock->setObjectName(QStringLiteral("OutlineDock"));
    m_outlineDock->setWidget(m_outlineView);
    addDockWidget(Qt::LeftDockWidgetArea, m_outlineDock);
    connect(m_outlineView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (m_syncingOutline || !current.isValid())
                    return;
                m_syncingOutline = true;
                m_editor->goToOffset(current.data(OutlineModel::OffsetRole).toUInt());
                m_outlineView->setFocus();
                m_syncingOutline = false;
            });
    connect(m_editor, &QsciScintilla::cursorPositionChanged, this, [this] {
        if (m_syncingOutline)
            return;
        const QModelIndex index = m_outlineModel->indexForOffset(m_editor->cursorOffset());
        if (!index.isValid())
            return;
        m_syncingOutline = true;
        m_outlineView->setCurrentIndex(index);
        m_outlineView->scrollTo(index);
        m_syncingOutline = false;
    });
}

void MainWindow::showValidation()
{
    const Core::LoadResult &result = m_validation->lastResult();
    m_editor->setDiagnostics(result.diagnostics);
    m_problemsModel->setDiagnostics(result.diagnostics);
    if (result.config) {
        m_editor->setCompletionNames(result.config);
        m_outlineModel->setConfig(result.config);
        m_outlineView->expandToDepth(1);
    }
    m_problemsSummary->setText(tr("%n error(s)", nullptr, m_problemsModel->errorCount()) + QStringLiteral(", ")
                               + tr("%n warning(s)", nullptr, m_problemsModel->warningCount()));
}

void MainWindow::addTraffic(std::vector<RequestRow> &&rows)
{
    // Charts first: the log takes the rows over.
    m_charts->addRows(rows, m_requestLog->model()->pool());
    m_health->model()->addTraffic(rows, m_requestLog->model()->pool());
    m_requestLog->model()->appendBatch(std::move(rows));
}

void MainWindow::addRecords(const std::vector<Core::RequestRecord> &records)
{
    StringPool &pool = m_requestLog->model()->pool();
    std::vector<RequestRow> rows;
    rows.reserve(records.size());
    // Most records of a batch come from a few clients: format each address once per batch.
    quint32 lastIp = 0;
    quint32 lastClient = pool.intern(QHostAddress(quint32(0)).toString());
    for (const Core::RequestRecord &rec : records) {
        RequestRow r;
        // Records time the request from its complete head; the row from its first byte.
        r.startMs = rec.timeMs;
        r.durationUs = quint32(qMax(0, rec.totalUs));
        r.firstByteUs = quint32(qMax(0, rec.firstByteUs));
        r.bytesIn = rec.bytesIn;
        r.bytesOut = rec.bytesOut;
        r.status = rec.status;
        r.listenerPort = rec.listenerPort;
        r.httpVersion = rec.httpVersion == '0' ? 10 : 11;
        if (rec.clientIp != lastIp) {
            lastIp = rec.clientIp;
            lastClient = pool.intern(QHostAddress(rec.clientIp).toString());
        }
        r.client = lastClient;
        r.method = pool.intern(QByteArray(rec.method));
        r.host = pool.intern(QByteArray(rec.host));
        r.service = pool.intern(QByteArray(rec.serviceName));
        r.endpoint = pool.intern(QByteArray(rec.endpointKey));
        r.error = pool.intern(QByteArray(rec.error));
        r.path = QByteArray(rec.path);
        r.configGeneration = quint32(rec.configGeneration);
        const auto applied = m_applied.find(rec.configGeneration);
        if (rec.routeId >= 0 && applied != m_applied.end()
            && rec.routeId < applied->second.routeNames.size()) {
            r.route = pool.intern(applied->second.routeNames.at(rec.routeId));
            r.routeOffset = applied->second.routeSpans[size_t(rec.routeId)].first;
        }
        if (rec.headsKey) {
            const auto heads = m_pendingHeads.constFind(rec.headsKey);
            if (heads != m_pendingHeads.cend()) {
                auto detail = std::make_shared<RequestDetail>();
                RequestDetail::parseHead(heads->request, &detail->requestLine, &detail->requestHeaders);
                RequestDetail::parseHead(heads->response, &detail->statusLine, &detail->responseHeaders);
                detail->requestTruncated = heads->requestTruncated;
                detail->responseTruncated = heads->responseTruncated;
                r.detail = std::move(detail);
            }
        }
        rows.push_back(std::move(r));
    }
    m_pendingHeads.clear();
    // Only the newest rows keep headers: drop the details that would be dropped at once.
    for (size_t i = 0; i + RequestLogModel::DetailRows < rows.size(); ++i)
        rows[i].detail.reset();
    addTraffic(std::move(rows));
}

bool MainWindow::revealRule(quint32 offset, quint64 generation)
{
    const auto applied = m_applied.find(generation);
    if (applied == m_applied.end()) {
        statusBar()->showMessage(tr("The config that handled this request is no longer known."), 8000);
        return false;
    }
    if (m_editor->utf8Text() != applied->second.text) {
        statusBar()->showMessage(tr("The editor text changed since this config was applied, so the rule's "
                                    "place in it is not known. Run the config again to jump to rules."),
                                 10000);
        return false;
    }
    for (const auto &[start, length] : applied->second.routeSpans) {
        if (start == offset) {
            m_editor->selectRange(start, length);
            return true;
        }
    }
    m_editor->goToOffset(offset);
    return true;
}

bool MainWindow::runConfig()
{
    const QByteArray text = m_editor->utf8Text();
    const Core::LoadResult loaded = Core::ConfigLoader::load(text);
    m_problemsModel->setDiagnostics(loaded.diagnostics);
    m_editor->setDiagnostics(loaded.diagnostics);
    if (loaded.hasErrors()) {
        m_problemsDock->show();
        m_problemsDock->raise();
        const int errors = int(std::count_if(loaded.diagnostics.cbegin(), loaded.diagnostics.cend(), [](const Core::Diagnostic &d) {
            return d.severity == Core::Severity::Error;
        }));
        QMessageBox::warning(this, tr("Run config"),
                             m_engine->isRunning()
                                 ? tr("The config has %n error(s); it was not applied and the running config keeps serving.", nullptr, errors)
                                 : tr("The config has %n error(s); fix them to run it.", nullptr, errors));
        return false;
    }
    const bool wasRunning = m_engine->isRunning();
    const QString dir = m_filePath.isEmpty()
                            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                            : QFileInfo(m_filePath).absolutePath();
    const Core::EngineController::Outcome outcome = m_engine->apply(text, dir);
    if (!outcome.ok) {
        QMessageBox::warning(this, wasRunning ? tr("Apply config") : tr("Run config"),
                             wasRunning ? tr("The new config was not applied; the running config keeps serving.\n\n%1").arg(outcome.error)
                                        : tr("The engine could not start.\n\n%1").arg(outcome.error));
        return false;
    }
    if (const auto compiled = m_engine->compiledConfig()) {
        AppliedConfig applied;
        applied.text = text;
        applied.routeNames = compiled->routeNames;
        for (const Core::CompiledConfig::RouteLocation &l : compiled->routeLocations)
            applied.routeSpans.emplace_back(l.offset, l.length);
        m_applied[compiled->generation] = std::move(applied);
        while (m_applied.size() > 4) // records of older configs are long gone
            m_applied.erase(m_applied.begin());
    }
    showListenerStates(outcome.listenerStates, loaded);
    m_health->model()->setTable(m_engine->healthTable(), m_engine->targetWeights());
    m_healthDock->show();
    if (!wasRunning)
        m_requestLogDock->raise(); // the traffic is what there is to watch now
    m_engineStatus->setText(tr("Running: %1").arg(outcome.listeners.join(QStringLiteral(", "))));
    QString message = wasRunning ? tr("Applied without dropping connections.") : tr("Engine started.");
    if (const int failed = outcome.failedListeners())
        message = tr("Engine started, but %n listener(s) could not listen: %1", nullptr, failed).arg(outcome.error.split(u'\n').join(QStringLiteral("; ")));
    if (!outcome.notActive.isEmpty())
        message += u' ' + tr("Not active in this engine yet: %1.").arg(outcome.notActive.join(QStringLiteral(", ")));
    statusBar()->showMessage(message, 15000);
    updateEngineActions();
    return true;
}

void MainWindow::stopEngine()
{
    m_engine->stop();
    m_health->model()->setTable(nullptr, {});
    m_engineStatus->setText(tr("Stopped"));
    showListenerStates({}, {});
    updateEngineActions();
}

void MainWindow::showListenerStates(const std::vector<Core::EngineController::ListenerState> &states,
                                    const Core::LoadResult &loaded)
{
    QList<Core::Diagnostic> problems;
    QStringList lines;
    for (const auto &st : states) {
        if (st.state != Core::EngineController::ListenerState::State::Failed)
            continue;
        Core::Diagnostic d;
        d.severity = Core::Severity::Error;
        d.code = QStringLiteral("listener-bind");
        d.message = tr("Listener %1 (%2) is not listening: %3").arg(st.port).arg(st.bindAddress, st.error);
        if (loaded.config) {
            for (const Core::ListenerConfig &l : loaded.config->listeners) {
                if (l.port == st.port && l.node.isValid()) {
                    d.offset = l.node.offset();
                    d.position = l.node.position();
                    break;
                }
            }
        }
        problems << d;
        lines << d.message;
    }
    m_problemsModel->setEngineProblems(problems);
    m_problemsSummary->setText(tr("%n error(s)", nullptr, m_problemsModel->errorCount()) + QStringLiteral(", ")
                               + tr("%n warning(s)", nullptr, m_problemsModel->warningCount()));
    m_listenerStatus->setVisible(!problems.isEmpty());
    if (problems.isEmpty())
        return;
    m_listenerStatus->setText(tr("%n listener(s) not listening", nullptr, int(problems.size())));
    m_listenerStatus->setToolTip(lines.join(u'\n'));
    m_listenerStatus->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
    m_problemsDock->show();
    m_problemsDock->raise();
}

void MainWindow::updateEngineActions()
{
    const bool running = m_engine->isRunning();
    m_runAction->setEnabled(!running);
    m_applyAction->setEnabled(running);
    m_stopAction->setEnabled(running);
}

int MainWindow::migrateLegacyKeys()
{
    const Core::LoadResult result = Core::ConfigLoader::load(m_editor->utf8Text());
    QList<Core::TextEdit> edits;
    int count = 0;
    for (const Core::Diagnostic &d : result.diagnostics) {
        if (d.code == QLatin1String("legacy-key") && !d.fixes.isEmpty()) {
            edits << d.fixes.constFirst().edits;
            ++count;
        }
    }
    if (count == 0) {
        statusBar()->showMessage(tr("No legacy keys to migrate."), 5000);
        return 0;
    }
    if (!m_editor->applyEdits(edits)) {
        // Fixes that touch the same object overlap; the loader's own migration merges them.
        const auto migrated = Core::ConfigLoader::migrateLegacyKeys(m_editor->utf8Text());
        if (!migrated)
            return 0;
        m_editor->applyEdits({{0, quint32(m_editor->utf8Text().size()), *migrated}});
    }
    statusBar()->showMessage(tr("Migrated %n legacy key(s).", nullptr, count), 5000);
    m_validation->validateNow();
    return count;
}

void MainWindow::createActions()
{
    m_newAction = new QAction(this);
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, [this] {
        openUntitled(tr("Untitled"), QByteArrayLiteral("{\n  \"Listeners\": [],\n  \"RouteRules\": {},\n  \"Services\": {}\n}\n"));
    });
    m_openAction = new QAction(this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open config"), QString(),
                                                          tr("FGW config (*.json);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    m_saveAction = new QAction(this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);
    m_saveAsAction = new QAction(this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);
    m_exportPrettyAction = new QAction(this);
    connect(m_exportPrettyAction, &QAction::triggered, this, [this] { exportConfig(false); });
    m_exportCompactAction = new QAction(this);
    connect(m_exportCompactAction, &QAction::triggered, this, [this] { exportConfig(true); });
    m_publishAction = new QAction(style()->standardIcon(QStyle::SP_ArrowUp), QString(), this);
    m_publishAction->setObjectName(QStringLiteral("publishAction"));
    m_publishAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_publishAction, &QAction::triggered, this, [this] { showPublish(false); });
    m_publishHistoryAction = new QAction(this);
    m_publishHistoryAction->setObjectName(QStringLiteral("publishHistoryAction"));
    connect(m_publishHistoryAction, &QAction::triggered, this, [this] { showPublish(true); });
    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = new QAction(this);
    m_undoAction->setShortcut(QKeySequence::Undo);
    connect(m_undoAction, &QAction::triggered, m_editor, &QsciScintilla::undo);
    m_redoAction = new QAction(this);
    m_redoAction->setShortcut(QKeySequence::Redo);
    connect(m_redoAction, &QAction::triggered, m_editor, &QsciScintilla::redo);
    m_findAction = new QAction(this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] { m_findBar->activate(false); });
    m_replaceAction = new QAction(this);
    m_replaceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_replaceAction, &QAction::triggered, this, [this] { m_findBar->activate(true); });
    m_migrateAction = new QAction(this);
    connect(m_migrateAction, &QAction::triggered, this, &MainWindow::migrateLegacyKeys);
    m_annotationsAction = new QAction(this);
    m_annotationsAction->setCheckable(true);
    m_annotationsAction->setChecked(true);
    connect(m_annotationsAction, &QAction::toggled, m_editor, &ConfigEditor::setInlineAnnotations);
    m_settingsAction = new QAction(this);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

    m_demoAction = new QAction(this);
    connect(m_demoAction, &QAction::triggered, this, [this] { openDemo(); });
    m_runAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_runAction->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::runConfig);
    m_applyAction = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), QString(), this);
    m_applyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_applyAction, &QAction::triggered, this, &MainWindow::runConfig);
    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), QString(), this);
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopEngine);
    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_newAction);
    m_examplesMenu = m_fileMenu->addMenu(QString());
    populateExamplesMenu();
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addAction(m_saveAsAction);
    m_exportMenu = m_fileMenu->addMenu(QString());
    m_exportMenu->addAction(m_exportPrettyAction);
    m_exportMenu->addAction(m_exportCompactAction);
    m_fileMenu->addAction(m_publishAction);
    m_fileMenu->addAction(m_publishHistoryAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addAction(m_redoAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_findAction);
    m_editMenu->addAction(m_replaceAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_migrateAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_settingsAction);

    m_viewMenu = menuBar()->addMenu(QString());
    // Dock toggles are added here by the panels (createPopupMenu lists them too).
    connect(m_viewMenu, &QMenu::aboutToShow, this, [this] {
        m_viewMenu->clear();
        if (QMenu *docks = createPopupMenu()) {
            m_viewMenu->addActions(docks->actions());
            docks->deleteLater();
        }
        m_viewMenu->addSeparator();
        m_viewMenu->addAction(m_annotationsAction);
    });

    m_engineMenu = menuBar()->addMenu(QString());
    m_engineMenu->addAction(m_runAction);
    m_engineMenu->addAction(m_applyAction);
    m_engineMenu->addAction(m_stopAction);
    m_engineToolBar = addToolBar(QString());
    m_engineToolBar->setObjectName(QStringLiteral("EngineToolBar"));
    m_engineToolBar->addAction(m_runAction);
    m_engineToolBar->addAction(m_applyAction);
    m_engineToolBar->addAction(m_stopAction);
    updateEngineActions();

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_demoAction);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_examplesMenu->setTitle(tr("New from &Example"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_exportMenu->setTitle(tr("&Export config.json"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_newAction->setText(tr("&New"));
    m_openAction->setText(tr("&Open..."));
    m_saveAction->setText(tr("&Save"));
    m_saveAsAction->setText(tr("Save &As..."));
    m_exportPrettyAction->setText(tr("&Pretty (indented)..."));
    m_exportCompactAction->setText(tr("&Compact (one line)..."));
    m_publishAction->setText(tr("&Publish..."));
    m_publishAction->setStatusTip(tr("Publish the config to a local repo directory or a Pipy repo, after reviewing the diff"));
    m_publishHistoryAction->setText(tr("Publish &History..."));
    m_quitAction->setText(tr("&Quit"));
    m_undoAction->setText(tr("&Undo"));
    m_redoAction->setText(tr("&Redo"));
    m_findAction->setText(tr("&Find..."));
    m_replaceAction->setText(tr("R&eplace..."));
    m_settingsAction->setText(tr("Se&ttings..."));
    m_migrateAction->setText(tr("&Migrate Legacy Keys"));
    m_migrateAction->setStatusTip(tr("Rewrite old FGW config shapes (HealthCheck.Uri, RetryPolicy, ...) to the current ones"));
    m_annotationsAction->setText(tr("Inline &Diagnostics"));
    m_problemsDock->setWindowTitle(tr("Problems"));
    m_outlineDock->setWindowTitle(tr("Outline"));
    m_requestLogDock->setWindowTitle(tr("Request Log"));
    m_chartsDock->setWindowTitle(tr("Charts"));
    m_healthDock->setWindowTitle(tr("Endpoint Health"));
    m_routeTesterDock->setWindowTitle(tr("Route Tester"));
    m_demoAction->setText(tr("Open &Demo"));
    m_engineMenu->setTitle(tr("E&ngine"));
    m_engineToolBar->setWindowTitle(tr("Engine"));
    m_runAction->setText(tr("&Run"));
    m_runAction->setToolTip(tr("Run the config in the embedded engine (F5)"));
    m_applyAction->setText(tr("&Apply"));
    m_applyAction->setToolTip(tr("Hot-reload the running engine with this config, without dropping connections (Ctrl+Shift+R)"));
    m_stopAction->setText(tr("&Stop"));
    m_aboutAction->setText(tr("&About Gatehouse"));
    m_aboutQtAction->setText(tr("About &Qt"));
    populateExamplesMenu();
    updateTitle();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange)
        m_editor->applyTheme(Theme::isDark());
    QMainWindow::changeEvent(event);
}

void MainWindow::populateExamplesMenu()
{
    m_examplesMenu->clear();
    const QDir dir(QStringLiteral(":/examples"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        if (name.startsWith(QLatin1Char('_')))
            continue; // index files, not configs
        QAction *action = m_examplesMenu->addAction(QFileInfo(name).completeBaseName());
        const QString path = dir.filePath(name);
        connect(action, &QAction::triggered, this, [this, path, name] {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                openUntitled(name, file.readAll());
        });
    }
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = AppSettings::recentFiles();
    for (const QString &path : files) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] {
            if (!QFileInfo::exists(path)) {
                QMessageBox::warning(this, tr("Open Recent"),
                                     tr("%1 no longer exists; it was removed from the list.")
                                         .arg(QDir::toNativeSeparators(path)));
                AppSettings::removeRecentFile(path);
                return;
            }
            openFile(path);
        });
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
}

void MainWindow::updateTitle()
{
    // [*] is replaced by Qt with the modified marker.
    setWindowTitle(tr("%1[*] - Gatehouse").arg(m_displayName));
}

bool MainWindow::openFile(const QString &path)
{
    if (!maybeSave())
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Open config"),
                             tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    const QByteArray text = file.readAll();
    m_editor->setText(QString::fromUtf8(text));
    m_editor->setModified(false);
    const bool resource = path.startsWith(QLatin1Char(':'));
    m_filePath = resource ? QString() : QFileInfo(path).absoluteFilePath();
    m_displayName = QFileInfo(path).fileName();
    if (!resource)
        AppSettings::addRecentFile(m_filePath);
    updateTitle();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::openUntitled(const QString &title, const QByteArray &text)
{
    if (!maybeSave())
        return;
    m_editor->setText(QString::fromUtf8(text));
    m_editor->setModified(false);
    m_filePath.clear();
    m_displayName = title;
    updateTitle();
}

bool MainWindow::openDemo(DemoPorts mode)
{
    QFile file(QStringLiteral(":/examples/fgw-article.json"));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QByteArray text = file.readAll();
    // The article's static root is /tmp; the demo serves its index.html from the app's own
    // data directory instead and never writes to /tmp.
    const QString root = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo-site");
    QDir().mkpath(root);
    QFile index(root + QStringLiteral("/index.html"));
    if (index.open(QIODevice::WriteOnly))
        index.write(Core::DemoBackend::articleIndexHtml());
    auto replaceAll = [&text](const QByteArray &from, const QByteArray &to) { text.replace(from, to); };
    replaceAll("\"ServerRoot\": \"/tmp\"", "\"ServerRoot\": \"" + root.toUtf8() + '"');

    // The article's ports: listeners 8000 and 8080, backends 8081 and 8082.
    const QList<quint16> ports{8000, 8080, 8081, 8082};
    QList<quint16> busy;
    for (quint16 p : ports) {
        if (mode == DemoPorts::AlwaysFree || !EngineSession::portIsFree(p))
            busy << p;
    }
    QHash<quint16, quint16> remap;
    if (!busy.isEmpty()) {
        QStringList names;
        for (quint16 p : busy)
            names << QString::number(p);
        const auto answer = mode == DemoPorts::AskIfBusy
                                ? QMessageBox::question(this, tr("Demo"),
                                                        tr("Port(s) %1 of the demo are in use on this machine. Run the demo on free ports instead?").arg(names.join(QStringLiteral(", "))),
                                                        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes)
                                : QMessageBox::Yes;
        if (answer != QMessageBox::Yes) {
            openUntitled(tr("Demo: FGW article"), text);
            return false;
        }
        for (quint16 p : busy)
            remap.insert(p, EngineSession::freePort());
        for (auto it = remap.cbegin(); it != remap.cend(); ++it) {
            const QByteArray from = QByteArray::number(it.key());
            const QByteArray to = QByteArray::number(it.value());
            replaceAll("\"Port\": " + from, "\"Port\": " + to);
            replaceAll("\"" + from + "\": {", "\"" + to + "\": {");
            replaceAll("127.0.0.1:" + from, "127.0.0.1:" + to);
        }
    }
    openUntitled(tr("Demo: FGW article"), text);
    if (m_editor->isModified()) // the user kept another document open
        return false;
    const QString error = m_engine->startDemoBackends(remap.value(8081, 8081), remap.value(8082, 8082));
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Demo"), error);
        return false;
    }
    if (m_engine->isRunning())
        m_engine->stop();
    const bool running = runConfig();
    if (running)
        statusBar()->showMessage(tr("Demo running: proxy on port %1, static site on port %2, backends on %3 and %4.")
                                     .arg(remap.value(8000, 8000)).arg(remap.value(8080, 8080))
                                     .arg(remap.value(8081, 8081)).arg(remap.value(8082, 8082)), 20000);
    return running;
}

bool MainWindow::restoreSession()
{
    const QStringList files = AppSettings::openFiles();
    for (const QString &path : files) {
        if (QFileInfo::exists(path) && openFile(path))
            return true;
    }
    return false;
}

bool MainWindow::maybeSave()
{
    if (!m_editor->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them?").arg(m_displayName),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return save();
    return true;
}

bool MainWindow::save()
{
    if (m_filePath.isEmpty())
        return saveAs();
    return saveTo(m_filePath);
}

bool MainWindow::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save config"),
                                                      m_filePath.isEmpty() ? QStringLiteral("config.json") : m_filePath,
                                                      tr("FGW config (*.json);;All files (*)"));
    if (path.isEmpty())
        return false;
    return saveTo(path);
}

bool MainWindow::saveTo(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_editor->utf8Text()) < 0 || !file.commit()) {
        QMessageBox::warning(this, tr("Save config"),
                             tr("Cannot save %1: %2. The file on disk was not changed.")
                                 .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_displayName = QFileInfo(path).fileName();
    m_editor->setModified(false);
    AppSettings::addRecentFile(m_filePath);
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::exportConfig(bool compact)
{
    const auto parsed = JsonDocument::parse(m_editor->utf8Text());
    if (!parsed.ok()) {
        QMessageBox::warning(this, tr("Export config.json"),
                             tr("The config is not valid JSON (line %1, column %2: %3). Nothing was exported.")
                                 .arg(parsed.error.position.line)
                                 .arg(parsed.error.position.column)
                                 .arg(parsed.error.message));
        m_editor->goTo(parsed.error.position.line, parsed.error.position.column);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export config.json"),
                                                      QStringLiteral("config.json"),
                                                      tr("FGW config (*.json)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    const QByteArray bytes = JsonDocument::serialize(
        parsed.document->root(), compact ? JsonDocument::Format::Compact : JsonDocument::Format::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit()) {
        QMessageBox::warning(this, tr("Export config.json"),
                             tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::showPublish(bool history)
{
    auto *dialog = new PublishDialog(m_editor->utf8Text(), m_filePath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->showPage(history ? PublishDialog::Page::History : PublishDialog::Page::Publish);
    connect(dialog, &PublishDialog::openInEditorRequested, this,
            [this](const QByteArray &text, const QString &title) { openUntitled(title, text); });
    dialog->open();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Gatehouse"),
                       tr("<h3>Gatehouse %1</h3><p>A desktop gateway manager with an embedded "
                          "proxy engine for Flomesh Gateway (FGW) configs.</p>")
                           .arg(QStringLiteral(GATEHOUSE_VERSION)));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    AppSettings::setWindowGeometry(saveGeometry(), saveState());
    AppSettings::setOpenFiles(m_filePath.isEmpty() ? QStringList() : QStringList{m_filePath});
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            openFile(url.toLocalFile());
            break;
        }
    }
}

} // namespace Gatehouse::Ui
