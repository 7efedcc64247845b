# SPDX-License-Identifier: Apache-2.0
# Fails when a committed .ts under translations/ lacks a translation: lupdate a temporary copy
# of each over the sources (new or changed strings come out as type="unfinished") and look for
# unfinished entries. switchboard_en.ts holds only the English plural forms (-pluralonly), as
# scripts/update-translations maintains it.
foreach(variable LUPDATE SOURCE_DIR WORK_DIR)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "${variable} is not set")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(GLOB ts_files "${SOURCE_DIR}/translations/*.ts")
if(NOT ts_files)
    message(FATAL_ERROR "No .ts file under ${SOURCE_DIR}/translations")
endif()

set(failures "")
foreach(ts_file IN LISTS ts_files)
    get_filename_component(ts_name "${ts_file}" NAME)
    string(REGEX REPLACE "^switchboard_(.*)\\.ts$" "\\1" language "${ts_name}")
    set(options "")
    if(language STREQUAL "en")
        set(options -pluralonly)
    endif()
    set(copy "${WORK_DIR}/${ts_name}")
    file(COPY_FILE "${ts_file}" "${copy}")

    execute_process(
        COMMAND "${LUPDATE}" -no-obsolete -locations none ${options} -source-language en
                -target-language ${language} src ui app -ts "${copy}"
        WORKING_DIRECTORY "${SOURCE_DIR}"
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE errors)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "lupdate failed (${result}):\n${output}\n${errors}")
    endif()

    file(READ "${copy}" contents)
    # Semicolons (as in &quot;) would split CMake lists: set them aside while matching.
    string(REPLACE ";" "@SEMICOLON@" contents "${contents}")
    string(REGEX MATCHALL "type=\"unfinished\"" markers "${contents}")
    list(LENGTH markers marker_count)
    if(marker_count EQUAL 0)
        message(STATUS "${ts_name}: complete")
        continue()
    endif()
    string(REGEX MATCHALL "<source>[^<]*</source>[^<]*(<oldsource>[^<]*</oldsource>[^<]*)?(<comment>[^<]*</comment>[^<]*)?(<extracomment>[^<]*</extracomment>[^<]*)?<translation type=\"unfinished\"" unfinished "${contents}")
    set(report "")
    foreach(entry IN LISTS unfinished)
        string(REGEX REPLACE "^<source>([^<]*)</source>.*" "\\1" source "${entry}")
        string(REPLACE "&quot@SEMICOLON@" "\"" source "${source}")
        string(REPLACE "&apos@SEMICOLON@" "'" source "${source}")
        string(REPLACE "&lt@SEMICOLON@" "<" source "${source}")
        string(REPLACE "&gt@SEMICOLON@" ">" source "${source}")
        string(REPLACE "&amp@SEMICOLON@" "&" source "${source}")
        string(REPLACE "@SEMICOLON@" ";" source "${source}")
        string(APPEND report "  ${source}\n")
    endforeach()
    string(APPEND failures "${ts_name}: ${marker_count} unfinished or missing translation(s):\n"
                           "${report}")
endforeach()
if(failures)
    message(FATAL_ERROR "Run scripts/update-translations and translate these:\n${failures}")
endif()
