# SPDX-License-Identifier: Apache-2.0
# Writes a manual page from a program's own --help and --version with help2man, so the manual
# can never fall behind the program. Run as a script (cmake -P) at build time with:
#   HELP2MAN  the help2man program
#   PROGRAM   the built executable
#   OUTPUT    the page to write
#   WORK_DIR  a folder for temporary files
#   INCLUDE   (optional) a help2man include file: [NAME], SEE ALSO, ...
#   COMMANDS  (optional) subcommands, separated by commas: each one's "PROGRAM <command> --help"
#             becomes a section
foreach(variable IN ITEMS HELP2MAN PROGRAM OUTPUT WORK_DIR)
    if(NOT ${variable})
        message(FATAL_ERROR "Help2Man.cmake: ${variable} is not set")
    endif()
endforeach()

# English, without a display, whatever language or profiles the user's own settings hold.
set(ENV{LC_ALL} C)
foreach(variable IN ITEMS LANGUAGE DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM)
    unset(ENV{${variable}})
endforeach()
set(ENV{XDG_CONFIG_HOME} "${WORK_DIR}/config")
file(MAKE_DIRECTORY "${WORK_DIR}")

set(included "")
if(INCLUDE)
    file(READ "${INCLUDE}" included)
endif()

string(REPLACE "," ";" COMMANDS "${COMMANDS}")
if(COMMANDS)
    find_program(AWK NAMES awk gawk mawk REQUIRED)
endif()
foreach(command IN LISTS COMMANDS)
    set(command_page "${WORK_DIR}/${command}.1")
    execute_process(
        COMMAND "${HELP2MAN}" --no-info "--help-option=${command} --help"
                --output "${command_page}" "${PROGRAM}"
        RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "help2man failed on '${PROGRAM} ${command} --help'")
    endif()
    execute_process(
        COMMAND "${AWK}" -f "${CMAKE_CURRENT_LIST_DIR}/help2man-section.awk" "${command_page}"
        OUTPUT_VARIABLE body
        RESULT_VARIABLE result)
    if(NOT result EQUAL 0 OR body STREQUAL "")
        message(FATAL_ERROR "No DESCRIPTION in the page of '${PROGRAM} ${command} --help'")
    endif()
    string(TOUPPER "${command}" upper)
    string(APPEND included "\n[${upper} COMMAND]\n${body}")
endforeach()

set(include_file "${WORK_DIR}/include.h2m")
file(WRITE "${include_file}" "${included}")
execute_process(
    COMMAND "${HELP2MAN}" --no-info --include "${include_file}" --output "${OUTPUT}" "${PROGRAM}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "help2man failed on '${PROGRAM}'")
endif()
