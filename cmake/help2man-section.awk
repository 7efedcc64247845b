# SPDX-License-Identifier: Apache-2.0
# Turns the page help2man writes for one subcommand ("PROGRAM <command> --help") into the body
# of a section of the program's page: from DESCRIPTION on, its sections become subsections, and
# the free-form lists (MQTT 5.0 properties, examples) keep the lines --help prints.
/^\.SH DESCRIPTION$/ { body = 1; next }
!body { next }
/^\.S[HS] / {
    if (nofill) print ".fi\n.RE"
    nofill = 0
    heading = $0
    sub(/^\.SH /, ".SS ", heading)
    if (heading == ".SS OPTIONS") heading = ".SS Options"
    if (heading == ".SS EXAMPLES") heading = ".SS Examples"
    print heading
    if (heading != ".SS Options") { print ".RS\n.nf"; nofill = 1 }
    next
}
nofill && /^\.(IP|PP|TP)$/ { next }
{ print }
END { if (nofill) print ".fi\n.RE" }
