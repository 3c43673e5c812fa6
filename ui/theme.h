#pragma once

#include "appsettings.h"

#include <QPalette>

class QApplication;

namespace Gatehouse::Ui {

// Light and dark palettes on the Fusion style, or the desktop's own. GUI thread only.
class Theme
{
public:
    // Applies the theme to the whole application (palette, and the editor colours through
    // isDark()).
    static void apply(AppSettings::Theme theme);
    // Whether the palette in effect is dark (also true for "System" on a dark desktop).
    static bool isDark();
    static QPalette darkPalette();
    static QPalette lightPalette();
};

} // namespace Gatehouse::Ui
