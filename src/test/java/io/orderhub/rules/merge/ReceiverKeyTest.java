package io.orderhub.rules.merge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.presale.GoldenOrders;

/** Receiver identities: normalised, comparable across channels when plain, never when masked. */
class ReceiverKeyTest {

    static ObjectNode receiver(String golden) {
        return (ObjectNode) GoldenOrders.load(golden).get("receiver");
    }

    @Test
    void spacingCaseAndCountryPrefixDoNotMatter() {
        ObjectNode a = receiver("wechat_channels/order-get-paid-single-product");
        ObjectNode b = a.deepCopy();
        b.put("name", "陈　先生");
        b.put("phone", "+86-2453 4252");
        b.put("address", " 大 塘 ");
        assertThat(ReceiverKey.of(b).hash()).isEqualTo(ReceiverKey.of(a).hash()).hasSize(64);
    }

    @Test
    void anotherAddressIsAnotherReceiver() {
        ObjectNode a = receiver("wechat_channels/order-get-paid-single-product");
        ObjectNode b = a.deepCopy();
        b.put("district", "天河区");
        assertThat(ReceiverKey.of(b).hash()).isNotEqualTo(ReceiverKey.of(a).hash());
    }

    @Test
    void maskedOrVirtualCannotBeCompared() {
        assertThat(ReceiverKey.of(receiver("tmall/step-presale-deposit-paid-table")).hash()).isNull();
        ObjectNode maskedName = receiver("wechat_channels/order-get-paid-single-product");
        maskedName.put("name", "陈**");
        assertThat(ReceiverKey.of(maskedName).reason()).isEqualTo("receiver name or address masked");
        ObjectNode virtual = receiver("wechat_channels/order-get-paid-single-product");
        virtual.put("phone", "13800001111-1234");
        virtual.put("phoneKind", "VIRTUAL");
        assertThat(ReceiverKey.of(virtual).reason()).isEqualTo("phone VIRTUAL cannot be compared");
    }

    @Test
    void encryptedReceiversCompareByThePlatformsSearchIndex() {
        ObjectNode a = receiver("pdd/paid-encrypted-receiver");
        ObjectNode b = a.deepCopy();
        // the same values encrypted again: new cipher parts, same search indexes
        b.put("phone", "$Y/YKpKSij9Re$AgAAAAKj5K0XXXXXXXXXX91OwqU75VBWn0HBgJhtknQj0=$0$$");
        b.put("name", "~AgAAAAKj5K0FZZZZZZZZZZZZZZZZfDJ4VXsxKOdZIGJk=~e3T2WeW7~0~~");
        b.put("address", a.get("address").asText().replace("~AgAAAAKj5K0H", "~AgAAAAKj5K0Q"));
        assertThat(ReceiverKey.of(b).hash()).isNotNull().isEqualTo(ReceiverKey.of(a).hash());
        b.put("phone", "$Zq9OtherIdx1$AgAAAAKj5K0XXXXXXXXXX91OwqU75VBWn0HBgJhtknQj0=$0$$");
        assertThat(ReceiverKey.of(b).hash()).isNotEqualTo(ReceiverKey.of(a).hash());
    }
}
