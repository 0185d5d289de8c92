/* netdelay: holds each packet an iptables NFQUEUE rule hands it for a fixed time, then lets it go,
 * in arrival order. The benchmark's stand-in for `tc netem delay` on kernels without sch_netem.
 * With RATE_KBIT, the link also carries at most that many kbit/s: a packet leaves when the ones
 * before it have been sent (its length at that rate each), and arrives DELAY_MS later.
 *
 *   netdelay QUEUE DELAY_MS [RATE_KBIT]   (inside the network namespace whose rule feeds QUEUE)
 *
 * Writes "netdelay ready" to stderr once bound, so the caller can add the rule after it.
 * Build: cc -O2 -o netdelay netdelay.c -lnetfilter_queue -lnfnetlink
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define HELD (1 << 16) /* packets held at once; a full ring lets packets pass undelayed */

static struct { uint32_t id; uint64_t due; } held[HELD];
static unsigned first, next;
static uint64_t delay, rate_kbit, link_free;
static volatile sig_atomic_t done;

static uint64_t now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int hold(struct nfq_q_handle *q, struct nfgenmsg *m, struct nfq_data *d, void *unused)
{
    (void)m; (void)unused;
    struct nfqnl_msg_packet_hdr *h = nfq_get_msg_packet_hdr(d);
    uint32_t id = h ? ntohl(h->packet_id) : 0;
    if (!h)
        return 0;
    if (next - first == HELD)
        return nfq_set_verdict(q, id, NF_ACCEPT, 0, NULL);
    uint64_t t = now(), sent = t;
    if (rate_kbit) {
        unsigned char *ip;
        int n = nfq_get_payload(d, &ip);
        uint64_t bytes = n >= 4 ? (uint64_t)(ip[2] << 8 | ip[3]) : 1500;
        sent = (link_free > t ? link_free : t) + bytes * 8 * 1000000u / rate_kbit;
        link_free = sent;
    }
    held[next % HELD].id = id;
    held[next % HELD].due = sent + delay;
    next++;
    return 0;
}

static void stop(int s) { (void)s; done = 1; }

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: netdelay QUEUE DELAY_MS [RATE_KBIT]\n");
        return 2;
    }
    delay = strtoull(argv[2], NULL, 10) * 1000000u;
    rate_kbit = argc == 4 ? strtoull(argv[3], NULL, 10) : 0;
    struct nfq_handle *nfq = nfq_open();
    struct nfq_q_handle *q = nfq ? nfq_create_queue(nfq, (uint16_t)atoi(argv[1]), hold, NULL) : NULL;
    /* with a rate, the first four bytes of each IPv4 header: its total length */
    if (!q || nfq_set_mode(q, rate_kbit ? NFQNL_COPY_PACKET : NFQNL_COPY_META, rate_kbit ? 4 : 0) < 0) {
        fprintf(stderr, "netdelay: cannot bind queue %s (needs root and the kernel's nfnetlink_queue)\n", argv[1]);
        return 1;
    }
    nfq_set_queue_maxlen(q, HELD);
    nfnl_rcvbufsiz(nfq_nfnlh(nfq), 16 << 20);
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    fprintf(stderr, "netdelay ready\n");

    struct pollfd p = { .fd = nfq_fd(nfq), .events = POLLIN };
    static char buffer[1 << 16];
    while (!done) {
        int wait = -1;
        if (first != next) {
            uint64_t t = now(), due = held[first % HELD].due;
            wait = due > t ? (int)((due - t + 999999) / 1000000) : 0;
        }
        if (poll(&p, 1, wait) > 0) {
            int n = recv(p.fd, buffer, sizeof buffer, 0);
            if (n > 0)
                nfq_handle_packet(nfq, buffer, n);
        }
        for (uint64_t t = now(); first != next && held[first % HELD].due <= t; first++)
            nfq_set_verdict(q, held[first % HELD].id, NF_ACCEPT, 0, NULL);
    }
    for (; first != next; first++) /* never strand a packet */
        nfq_set_verdict(q, held[first % HELD].id, NF_ACCEPT, 0, NULL);
    nfq_destroy_queue(q);
    nfq_close(nfq);
    return 0;
}
