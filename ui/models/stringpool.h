#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace Gatehouse::Ui {

// Interns the strings that repeat across request rows (hosts, services, endpoints, methods,
// clients, errors), so a row stores 4-byte ids. Id 0 is the empty string. GUI thread.
class StringPool
{
public:
    StringPool() { clear(); }

    quint32 intern(const QByteArray &bytes)
    {
        if (bytes.isEmpty())
            return 0;
        auto it = m_ids.constFind(bytes);
        if (it != m_ids.cend())
            return it.value();
        const auto id = quint32(m_strings.size());
        m_strings.append(QString::fromUtf8(bytes));
        m_ids.insert(bytes, id);
        return id;
    }
    quint32 intern(const QString &text) { return intern(text.toUtf8()); }
    const QString &string(quint32 id) const
    {
        return id < quint32(m_strings.size()) ? m_strings.at(id) : m_strings.constFirst();
    }
    int size() const { return int(m_strings.size()); }
    void clear()
    {
        m_ids.clear();
        m_strings.clear();
        m_strings.append(QString());
    }

private:
    QHash<QByteArray, quint32> m_ids;
    QList<QString> m_strings;
};

} // namespace Gatehouse::Ui
