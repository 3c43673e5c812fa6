#pragma once

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Gatehouse::Core {
class CompiledConfig;
}

namespace Gatehouse::Ui {

// The route tester: type a URL, method and headers; see which listener, host, match, service and
// endpoint would serve it and why each earlier candidate did not (RouteExplainer, with the
// engine's own tables), then send it for real to the running engine and see the response.
// GUI thread.
class RouteTesterView : public QWidget
{
    Q_OBJECT
public:
    // The config to explain against: the running one, or the editor's compiled, or null.
    using ConfigProvider = std::function<std::shared_ptr<const Core::CompiledConfig>()>;

    explicit RouteTesterView(QWidget *parent = nullptr);
    void setConfigProvider(ConfigProvider provider) { m_provider = std::move(provider); }

    // Explains the request in the fields; false when the URL cannot be read or there is no
    // config (the outline says why).
    bool explain();
    // Sends the request to the running engine; the response shows when it arrives.
    void send();
    void setRequest(const QString &method, const QString &url, const QString &headers = {});

    QTreeWidget *steps() const { return m_steps; }
    QLabel *outcome() const { return m_outcome; }
    QPlainTextEdit *response() const { return m_response; }
    void retranslateUi();

signals:
    void responseShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    QComboBox *m_method;
    QLineEdit *m_url;
    QPlainTextEdit *m_headers;
    QPushButton *m_explain;
    QPushButton *m_send;
    QTreeWidget *m_steps;
    QLabel *m_outcome;
    QPlainTextEdit *m_response;
    QNetworkAccessManager *m_network = nullptr;
    ConfigProvider m_provider;
    int m_bindPort = 0;
};

} // namespace Gatehouse::Ui
