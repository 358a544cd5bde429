/* Reads an iCalendar file with libical, as Evolution and other clients do,
 * and runs its RFC 5545/5546 restriction check. Prints each problem libical
 * finds (its X-LIC-ERROR properties) and exits 1 when there is one. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

static int report(icalcomponent *component) {
    int problems = 0;
    for (icalproperty *p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY);
         p != NULL;
         p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        printf("%s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(component)),
               icalproperty_get_xlicerror(p));
        problems++;
    }
    for (icalcomponent *c = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
         c != NULL;
         c = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        problems += report(c);
    }
    return problems;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: icalcheck FILE.ics\n");
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (file == NULL) {
        perror(argv[1]);
        return 2;
    }
    size_t size = 0, used = 0;
    char *text = NULL;
    for (;;) {
        if (used + 4096 + 1 > size) {
            size = 2 * size + 4096 + 1;
            text = realloc(text, size);
        }
        size_t read = fread(text + used, 1, size - used - 1, file);
        if (read == 0)
            break;
        used += read;
    }
    text[used] = '\0';
    fclose(file);
    icalcomponent *calendar = icalparser_parse_string(text);
    if (calendar == NULL) {
        printf("does not parse\n");
        return 1;
    }
    int valid = icalrestriction_check(calendar);
    int problems = report(calendar);
    return valid && problems == 0 ? 0 : 1;
}
