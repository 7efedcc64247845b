# Fails when the committed .ts lacks a translation: lupdate a temporary copy over the sources
# (new or changed strings come out as type="unfinished") and look for unfinished entries.
foreach(variable LUPDATE SOURCE_DIR TS_FILE WORK_DIR)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "${variable} is not set")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
get_filename_component(ts_name "${TS_FILE}" NAME)
set(copy "${WORK_DIR}/${ts_name}")
file(COPY_FILE "${TS_FILE}" "${copy}")

execute_process(
    COMMAND "${LUPDATE}" -no-obsolete -locations none -source-language en
            -target-language zh_CN src ui app -ts "${copy}"
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
if(marker_count GREATER 0)
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
    message(FATAL_ERROR "${ts_name}: ${marker_count} unfinished or missing translation(s); run "
                        "scripts/update-translations and translate them:\n${report}")
endif()
message(STATUS "${ts_name}: complete")
