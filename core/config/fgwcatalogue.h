#pragma once

#include <QLatin1StringView>
#include <QList>
#include <QStringView>

namespace Gatehouse::Core {

// What FGW v1 ships (reference §1.8): its module files and its default chains. The validator
// checks `Chains` against it and its quick-fixes insert these defaults.
class FgwCatalogue
{
public:
    static bool isKnownModule(QStringView path);
    static QList<QLatin1StringView> modules();
    // The six chain names FGW's main.js selects by listener kind.
    static QList<QLatin1StringView> chainNames();
    // FGW's default chain of that name (fgw:pjs/config.json); empty for an unknown name.
    static QList<QLatin1StringView> defaultChain(QStringView chainName);
};

} // namespace Gatehouse::Core
