#!/usr/bin/env bash
# Regenerates Bridger's app icons with ImageMagick: a white through-arch bridge on a deep
# blue rounded square. Run from anywhere; writes next to this script.
set -euo pipefail
cd "$(dirname "$0")"
# Arch: half an ellipse centred on the deck line (x 232..792, top at y 282), three hangers,
# two piers below the deck.
arch=$(awk 'BEGIN { for (i = 0; i <= 60; i++) { t = i * 3.14159265 / 60;
  printf "%.1f,%.1f ", 512 - 280 * cos(t), 592 - 310 * sin(t) } }')
hanger() { awk -v x="$1" 'BEGIN { d = (x - 512) / 280;
  printf "line %d,%.0f %d,592\n", x, 592 - 310 * sqrt(1 - d * d) + 10, x }'; }
draw="stroke none
fill '#1e3a8a'
roundrectangle 48,48 976,976 210,210
fill none
stroke white
stroke-linecap round
stroke-linejoin round
stroke-width 62
polyline $arch
line 160,592 864,592
line 232,592 232,742
line 792,592 792,742
stroke-width 40
$(hanger 372)
$(hanger 512)
$(hanger 652)"
convert -size 1024x1024 xc:none -draw "$draw" -strip -depth 8 PNG32:/tmp/bridger-icon-1024.png
convert /tmp/bridger-icon-1024.png -resize 512x512 -strip -depth 8 PNG32:icon.png
convert /tmp/bridger-icon-1024.png -resize 256x256 -strip -depth 8 PNG32:128x128@2x.png
convert /tmp/bridger-icon-1024.png -resize 128x128 -strip -depth 8 PNG32:128x128.png
convert /tmp/bridger-icon-1024.png -resize 32x32 -strip -depth 8 PNG32:32x32.png
rm -f /tmp/bridger-icon-1024.png
