// SPDX-License-Identifier: Apache-2.0
/* The peer benchmark on libmosquitto: the same workload as `switchboard-cli bench`.
 * One publisher and one subscriber, each with its own network thread (mosquitto_loop_start,
 * the library's usual way). The publisher keeps at most the in-flight window (send maximum W,
 * plus one window queued in the library) unacknowledged at QoS 1/2, and at most 1000
 * messages ahead of the subscriber at QoS 0. Prints one JSON line with msgs/s and the
 * process CPU seconds (getrusage) from the first publish to the last message received. */
#include <mosquitto.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

enum { Qos0Window = 1000, IdleTimeoutSeconds = 10 };

static const char *host = "127.0.0.1";
static int port = 1883;
static long count = 100000;
static int size = 64;
static int qos = 0;
static int inflight = 20;
static char topic[256];

static pthread_mutex_t lock;
static pthread_cond_t done_condition = PTHREAD_COND_INITIALIZER;
static struct mosquitto *publisher;
static struct mosquitto *subscriber;
static char *payload;
static unsigned char *seen;
static long published, acknowledged, received, unique_count, duplicates, corrupt;
static int subscribed, publisher_connected, finished, failed;
static double start_time, end_time, cpu_start, cpu_end;
static char error_text[256];

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_seconds(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void fail(const char *text)
{
    pthread_mutex_lock(&lock);
    if (!failed && !finished) {
        failed = 1;
        snprintf(error_text, sizeof error_text, "%s", text);
    }
    pthread_cond_signal(&done_condition);
    pthread_mutex_unlock(&lock);
}

/* Called with the lock held (recursive: a QoS 0 publish may call back synchronously). */
static void pump(void)
{
    const long window = qos == 0 ? Qos0Window : 2L * inflight;
    while (!finished && !failed && published < count) {
        const long ahead = qos == 0 ? published - received : published - acknowledged;
        if (ahead >= window)
            return;
        const uint64_t sequence = (uint64_t)published++;
        memcpy(payload, &sequence, sizeof sequence);
        const int rc = mosquitto_publish(publisher, NULL, topic, size, payload, qos, false);
        if (rc != MOSQ_ERR_SUCCESS) {
            failed = 1;
            snprintf(error_text, sizeof error_text, "publish: %s", mosquitto_strerror(rc));
            pthread_cond_signal(&done_condition);
            return;
        }
    }
}

static void on_subscriber_connect(struct mosquitto *mosq, void *data, int rc)
{
    (void)data;
    if (rc != 0) {
        fail("subscriber refused");
        return;
    }
    mosquitto_subscribe(mosq, NULL, topic, qos);
}

static void on_subscribe(struct mosquitto *mosq, void *data, int mid, int granted_count,
                         const int *granted)
{
    (void)mosq, (void)data, (void)mid;
    if (granted_count < 1 || granted[0] >= 0x80) {
        fail("subscription refused");
        return;
    }
    pthread_mutex_lock(&lock);
    subscribed = 1;
    pthread_cond_signal(&done_condition);
    pthread_mutex_unlock(&lock);
}

static void on_publisher_connect(struct mosquitto *mosq, void *data, int rc)
{
    (void)mosq, (void)data;
    if (rc != 0) {
        fail("publisher refused");
        return;
    }
    pthread_mutex_lock(&lock);
    publisher_connected = 1;
    pthread_cond_signal(&done_condition);
    pthread_mutex_unlock(&lock);
}

static void on_disconnect(struct mosquitto *mosq, void *data, int rc)
{
    (void)mosq, (void)data;
    if (rc != 0)
        fail("connection lost");
}

static void on_publish(struct mosquitto *mosq, void *data, int mid)
{
    (void)mosq, (void)data, (void)mid;
    if (qos == 0)
        return; /* QoS 0 is paced by what the subscriber received */
    pthread_mutex_lock(&lock);
    ++acknowledged;
    pump();
    pthread_mutex_unlock(&lock);
}

static void on_message(struct mosquitto *mosq, void *data, const struct mosquitto_message *message)
{
    (void)mosq, (void)data;
    uint64_t sequence = UINT64_MAX;
    if (message->payloadlen >= (int)sizeof sequence)
        memcpy(&sequence, message->payload, sizeof sequence);
    pthread_mutex_lock(&lock);
    ++received;
    if (message->payloadlen != size || sequence >= (uint64_t)count)
        ++corrupt;
    else if (seen[sequence])
        ++duplicates;
    else {
        seen[sequence] = 1;
        ++unique_count;
    }
    if (unique_count == count && !finished) {
        end_time = now_seconds();
        cpu_end = cpu_seconds();
        finished = 1;
        pthread_cond_signal(&done_condition);
    } else if (qos == 0) {
        pump();
    }
    pthread_mutex_unlock(&lock);
}

static struct mosquitto *make_client(const char *id)
{
    struct mosquitto *mosq = mosquitto_new(id, true, NULL);
    if (!mosq) {
        fprintf(stderr, "mosquitto_new failed\n");
        exit(2);
    }
    mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    /* Nagle off, as our client and MQTT.js's stream both write small packets at once. */
    mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_int_option(mosq, MOSQ_OPT_SEND_MAXIMUM, inflight);
    mosquitto_max_inflight_messages_set(mosq, (unsigned int)inflight);
    mosquitto_disconnect_callback_set(mosq, on_disconnect);
    return mosq;
}

static int wait_for(int *flag)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += IdleTimeoutSeconds;
    pthread_mutex_lock(&lock);
    while (!*flag && !failed) {
        if (pthread_cond_timedwait(&done_condition, &lock, &deadline) != 0)
            break;
    }
    const int ok = *flag && !failed;
    pthread_mutex_unlock(&lock);
    return ok;
}

static void usage(const char *program)
{
    fprintf(stderr,
            "Usage: %s [-h host] [-p port] [--count N] [--size B] [--qos Q] [--inflight W] "
            "[--topic T]\n",
            program);
    exit(2);
}

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const char *option = argv[i];
        if (i + 1 >= argc)
            usage(argv[0]);
        const char *value = argv[++i];
        if (!strcmp(option, "-h") || !strcmp(option, "--host"))
            host = value;
        else if (!strcmp(option, "-p") || !strcmp(option, "--port"))
            port = atoi(value);
        else if (!strcmp(option, "--count"))
            count = atol(value);
        else if (!strcmp(option, "--size"))
            size = atoi(value);
        else if (!strcmp(option, "--qos"))
            qos = atoi(value);
        else if (!strcmp(option, "--inflight"))
            inflight = atoi(value);
        else if (!strcmp(option, "--topic"))
            snprintf(topic, sizeof topic, "%s", value);
        else
            usage(argv[0]);
    }
    if (count < 1 || size < 8 || qos < 0 || qos > 2 || inflight < 1 || port < 1)
        usage(argv[0]);
    if (!topic[0])
        snprintf(topic, sizeof topic, "switchboard/bench/mosq%ld", (long)getpid());

    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&lock, &attributes);
    payload = calloc((size_t)size, 1);
    memset(payload, 'x', (size_t)size);
    seen = calloc((size_t)count, 1);

    mosquitto_lib_init();
    char id[64];
    snprintf(id, sizeof id, "mosqbench-sub-%ld", (long)getpid());
    subscriber = make_client(id);
    snprintf(id, sizeof id, "mosqbench-pub-%ld", (long)getpid());
    publisher = make_client(id);
    mosquitto_connect_callback_set(subscriber, on_subscriber_connect);
    mosquitto_subscribe_callback_set(subscriber, on_subscribe);
    mosquitto_message_callback_set(subscriber, on_message);
    mosquitto_connect_callback_set(publisher, on_publisher_connect);
    mosquitto_publish_callback_set(publisher, on_publish);

    if (mosquitto_connect(subscriber, host, port, 60) != MOSQ_ERR_SUCCESS ||
        mosquitto_loop_start(subscriber) != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "cannot connect to %s:%d\n", host, port);
        return 2;
    }
    if (!wait_for(&subscribed)) {
        fprintf(stderr, "subscribing failed: %s\n", error_text);
        return 1;
    }
    if (mosquitto_connect(publisher, host, port, 60) != MOSQ_ERR_SUCCESS ||
        mosquitto_loop_start(publisher) != MOSQ_ERR_SUCCESS || !wait_for(&publisher_connected)) {
        fprintf(stderr, "publisher cannot connect to %s:%d\n", host, port);
        return 2;
    }

    pthread_mutex_lock(&lock);
    cpu_start = cpu_seconds();
    start_time = now_seconds();
    pump();
    /* Wait until every message arrived, or nothing arrived for a while. */
    long last_received = -1;
    while (!finished && !failed) {
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_sec += IdleTimeoutSeconds;
        last_received = received;
        if (pthread_cond_timedwait(&done_condition, &lock, &deadline) != 0 &&
            received == last_received && !finished) {
            failed = 1;
            snprintf(error_text, sizeof error_text, "no message for %d s; %ld lost",
                     IdleTimeoutSeconds, count - unique_count);
        }
    }
    if (!finished) {
        end_time = now_seconds();
        cpu_end = cpu_seconds();
    }
    pthread_mutex_unlock(&lock);

    mosquitto_disconnect(publisher);
    mosquitto_disconnect(subscriber);
    mosquitto_loop_stop(publisher, false);
    mosquitto_loop_stop(subscriber, false);

    const double seconds = end_time - start_time;
    const double cpu = cpu_end - cpu_start;
    const int ok = !failed && unique_count == count && duplicates == 0 && corrupt == 0;
    printf("{\"client\":\"libmosquitto\",\"size\":%d,\"qos\":%d,\"inflight\":%d,\"count\":%ld,"
           "\"received\":%ld,\"duplicates\":%ld,\"corrupt\":%ld,\"seconds\":%.6f,"
           "\"msgs_per_s\":%.1f,\"cpu_s\":%.6f,\"cpu_s_per_100k\":%.6f,\"ok\":%s%s%s%s}\n",
           size, qos, inflight, count, unique_count, duplicates, corrupt, seconds,
           seconds > 0 ? (double)unique_count / seconds : 0.0, cpu,
           unique_count > 0 ? cpu * 100000.0 / (double)unique_count : 0.0, ok ? "true" : "false",
           failed ? ",\"error\":\"" : "", failed ? error_text : "", failed ? "\"" : "");
    fflush(stdout);

    mosquitto_destroy(publisher);
    mosquitto_destroy(subscriber);
    mosquitto_lib_cleanup();
    free(payload);
    free(seen);
    return ok ? 0 : 1;
}
