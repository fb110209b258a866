package io.orderhub.ingress;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The twelve canonical channel codes of the canonical order schema, as they appear in intake paths. */
public enum Channel {
    TAOBAO("taobao"), TMALL("tmall"), JD("jd"), PDD("pdd"), DOUYIN("douyin"), KUAISHOU("kuaishou"), YOUZAN(
            "youzan"), WECHAT_CHANNELS("wechat_channels"), XIAOHONGSHU(
                    "xiaohongshu"), SHOPIFY("shopify"), POS("pos"), B2B_FORM("b2b_form");

    private static final Map<String, Channel> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Channel::code, Function.identity()));

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Channel> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
