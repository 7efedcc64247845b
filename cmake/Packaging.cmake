# SPDX-License-Identifier: Apache-2.0
# The Debian package (cpack -G DEB; scripts/package builds it from a Release build into dist/).
set(SWITCHBOARD_PACKAGE_MAINTAINER
    "The Switchboard developers <switchboard-mqtt@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME switchboard)
set(CPACK_PACKAGE_VENDOR "The Switchboard developers")
set(CPACK_PACKAGE_CONTACT "${SWITCHBOARD_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop MQTT client")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Release builds carry symbols; Debian ships programs without them.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # switchboard_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries the programs link come from dpkg-shlibdeps; what Qt loads at run time
# (the platform plugins that open windows, the SVG plugin that draws the icon) is named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
# Qt's own texts (dialogs, "Connection refused") in the user's language; a keychain for
# passwords.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "mosquitto")
# The extended description apt and software centres show below the summary (CPack indents it
# and turns the empty line into the " ." that separates paragraphs).
set(CPACK_PACKAGE_DESCRIPTION "Switchboard connects to MQTT brokers (MQTT 3.1, 3.1.1 and 5.0, over TCP,
TLS and WebSockets, through SOCKS5 and HTTP proxies) and shows the topic
tree and a live message log that stays responsive at tens of thousands of
messages per second. Messages are published from the same window with a
chosen QoS and retain flag; payloads are shown as text, JSON, hex or
Base64 with every MQTT 5.0 property.

The package also holds switchboard-cli, which publishes, subscribes (with
the options of mosquitto_pub and mosquitto_sub) and measures throughput
from the command line.")

include(CPack)
